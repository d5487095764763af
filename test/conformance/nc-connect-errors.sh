# Why a connect fails: nc's message and exit status for each REJECT type
# (the ICMP error aborts the SYN at once), for route types without a
# nexthop (unreachable, prohibit, blackhole, throw) over TCP and UDP, and
# what a UDP scan makes of errors that are not "port unreachable".
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b sysctl -qw net.ipv4.icmp_ratelimit=0
for w in icmp-net-unreachable icmp-host-unreachable icmp-port-unreachable icmp-proto-unreachable \
    icmp-net-prohibited icmp-host-prohibited icmp-admin-prohibited tcp-reset; do
  ip netns exec b iptables -F INPUT
  ip netns exec b iptables -A INPUT -p tcp -j REJECT --reject-with $w
  ip netns exec a nc -v 10.0.0.2 80
  echo "tcp $w $?"
  ip netns exec a nc -z 10.0.0.2 80
  echo "tcp -z $w $?"
done
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p udp --dport 53 -j REJECT --reject-with icmp-host-prohibited
ip netns exec b iptables -A INPUT -p udp --dport 54 -j REJECT
ip netns exec a nc -u -z -v -w 1 10.0.0.2 53
echo "udp -z host-prohibited $?"
ip netns exec a nc -u -z -v -w 1 10.0.0.2 54
echo "udp -z port-unreachable $?"
ip netns exec b iptables -L INPUT -v -n -x
ip -n a route add unreachable 10.1.0.0/16
ip -n a route add prohibit 10.2.0.0/16
ip -n a route add blackhole 10.3.0.0/16
ip -n a route add throw 10.4.0.0/16
for d in 10.1.0.1 10.2.0.1 10.3.0.1 10.4.0.1; do
  ip netns exec a nc -v $d 80
  echo "tcp $d $?"
  echo hi | ip netns exec a nc -u $d 80
  echo "udp $d $?"
done
