# netstat -s after pings between two namespaces: Ip, Icmp and the IcmpMsg
# per-type counters (In before Out, indented as the ICMP output histogram),
# IpExt octets; the raw /proc/net/snmp and netstat's -w and -t filters.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
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
