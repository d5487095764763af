# What a router answers for a destination it has no route to, and for unreachable,
# prohibit and blackhole routes (ip_error shares its token bucket with ICMP's limit).
ip netns add h1
ip netns add r
ip link add veth1 netns r type veth peer name eth0 netns h1
ip -n h1 addr add 192.168.10.2/24 dev eth0
ip -n r addr add 192.168.10.1/24 dev veth1
ip -n h1 link set eth0 up
ip -n r link set veth1 up
ip -n h1 route add default via 192.168.10.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n r route add unreachable 10.1.0.0/16
ip -n r route add prohibit 10.2.0.0/16
ip -n r route add blackhole 10.3.0.0/16
ip netns exec h1 ping -c 1 -W 1 10.1.0.1
echo "ping: $?"
ip netns exec h1 ping -c 1 -W 1 10.2.0.1
echo "ping: $?"
ip netns exec h1 ping -c 1 -W 1 10.3.0.1
echo "ping: $?"
ip netns exec h1 ping -c 1 -W 1 10.9.9.9
echo "ping: $?"
for d in 10.1.0.1 10.2.0.1 10.3.0.1 10.9.9.9; do
  ip -n r route get $d iif veth1 from 192.168.10.2
  echo "route get $d: $?"
done
