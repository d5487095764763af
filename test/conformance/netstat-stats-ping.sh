# netstat -s after pings between two namespaces: Ip, Icmp and the IcmpMsg
# per-type counters (In before Out, indented as the ICMP output histogram),
# IpExt octets; the raw /proc/net/snmp and netstat's -w and -t filters.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
echo "== fresh"
ip netns exec a netstat -s
ip netns exec a ping -c 1 -q 10.0.0.2 > /dev/null
ip netns exec a ping -c 2 -i 0.2 -q 10.0.0.2 > /dev/null
ip netns exec b ping -c 1 -q 127.0.0.1 > /dev/null
echo "== a"
ip netns exec a netstat -s
echo "== b"
ip netns exec b netstat --statistics
echo "== b -w"
ip netns exec b netstat -s -w
echo "== b -t"
ip netns exec b netstat -st
echo "== b /proc/net/snmp"
ip netns exec b cat /proc/net/snmp
