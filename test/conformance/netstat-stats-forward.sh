# A router's counters: forwarded datagrams (ForwDatagrams and OutTransmits,
# not OutRequests), a TTL that runs out (InHdrErrors, ICMP time exceeded),
# a destination without a route (IpExt InNoRoutes, net unreachable), and a
# host that does not forward (InAddrErrors).
ip netns add h1
ip netns add r
ip netns add h2
ip link add veth1 netns r type veth peer name eth0 netns h1
ip link add veth2 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 192.168.10.2/24 dev eth0
ip -n r addr add 192.168.10.1/24 dev veth1
ip -n r addr add 192.168.20.1/24 dev veth2
ip -n h2 addr add 192.168.20.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 link set eth0 up
ip -n r link set veth1 up
ip -n r link set veth2 up
ip -n h2 link set eth0 up
# Traffic only once every end is up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do
  ip -n h1 link show eth0 | grep -q 'state UP' && ip -n h2 link show eth0 | grep -q 'state UP' &&
    ip -n r link show veth1 | grep -q 'state UP' && ip -n r link show veth2 | grep -q 'state UP' && break
  sleep 0.05
done
ip -n h1 route add default via 192.168.10.1
ip -n h2 route add default via 192.168.20.1
echo "== forwarding off"
ip netns exec h1 ping -c 1 -W 1 -q 192.168.20.2 > /dev/null
echo "ping $?"
ip netns exec r netstat -s -w
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -q 192.168.20.2 > /dev/null
ip netns exec h1 ping -c 2 -i 0.2 -q 192.168.20.2 > /dev/null
ip netns exec h1 ping -c 1 -t 1 -q 192.168.20.2 > /dev/null
echo "ttl $?"
ip netns exec h1 ping -c 1 -W 1 -q 192.168.30.2 > /dev/null
echo "no route $?"
echo "== r"
ip netns exec r netstat -s
echo "== h1"
ip netns exec h1 netstat -s -w
