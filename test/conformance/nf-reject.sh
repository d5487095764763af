# REJECT in INPUT: every ICMP --reject-with as ping on the sender reports it.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for w in icmp-net-unreachable icmp-host-unreachable icmp-port-unreachable icmp-proto-unreachable icmp-net-prohibited icmp-host-prohibited; do
  ip netns exec b iptables -F INPUT
  ip netns exec b iptables -A INPUT -p icmp -j REJECT --reject-with $w
  echo "== $w"
  ip netns exec a ping -c 1 -W 1 10.0.0.2
  echo "ping: $?"
done
ip netns exec b iptables -S INPUT
ip netns exec b iptables -L INPUT -v -x -n
