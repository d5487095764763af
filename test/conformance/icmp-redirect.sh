# A router on a shared segment forwards back out the same port and sends one redirect;
# the host then uses the better next hop directly.
ip netns add h1
ip netns add r
ip netns add h2
ip netns add sw
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
for n in h1 r h2; do
  ip link add p-$n netns sw type veth peer name eth0 netns $n
  ip -n sw link set p-$n master br0
  ip -n sw link set p-$n up
  ip -n $n link set eth0 up
  ip -n $n link set lo up
done
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
ip -n h2 addr add 10.9.0.1/32 dev lo
ip -n r route add 10.9.0.0/24 via 10.0.0.2
ip -n h1 route add default via 10.0.0.254
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 10.0.0.2
echo "ping: $?"
ip netns exec h1 ping -c 3 -i 0.1 10.9.0.1
echo "ping: $?"
ip -n r route get 10.9.0.1 iif eth0 from 10.0.0.1
