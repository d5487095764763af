# DNAT on bridged traffic (a service address in front of a host on the same bridge):
# the frame stays bridged (no TTL decrement, physdev-is-bridged in FORWARD), after the bridge
# resolves the new destination's MAC if needed; to the bridge's own address it goes up to INPUT,
# to a host elsewhere it is routed (TTL decremented); without ip_forward nothing passes.
for n in sw h1 h2 r; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n sw link add br0 address 02:00:00:00:00:fe type bridge
for i in 1 2; do
  ip -n sw link add sw-h$i address 02:00:00:00:01:0$i type veth peer name eth0 address 02:00:00:00:00:0$i netns h$i
  ip -n sw link set sw-h$i master br0
  ip -n h$i addr add 10.0.0.$i/24 dev eth0
  ip -n sw link set sw-h$i up
  ip -n h$i link set eth0 up
  ip -n h$i route add default via 10.0.0.254
done
ip -n sw link add up0 address 02:00:00:00:02:01 type veth peer name eth0 address 02:00:00:00:02:02 netns r
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw addr add 10.9.0.1/24 dev up0
ip -n r addr add 10.9.0.2/24 dev eth0
ip -n sw link set up0 up
ip -n r link set eth0 up
ip -n r route add default via 10.9.0.1
ip -n sw link set br0 up
sleep 1
S="ip netns exec sw"
$S iptables -t nat -A PREROUTING -d 10.96.0.10 -j DNAT --to-destination 10.0.0.2
$S iptables -t nat -A PREROUTING -d 10.96.0.11 -j DNAT --to-destination 10.0.0.254
$S iptables -t nat -A PREROUTING -d 10.96.0.12 -j DNAT --to-destination 10.9.0.2
$S iptables -t mangle -A FORWARD -m physdev --physdev-is-bridged
$S iptables -t mangle -A FORWARD -m physdev --physdev-in sw-h1
$S iptables -t mangle -A FORWARD
$S iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged
$S iptables -t mangle -A INPUT
show() {
  $S iptables-save -c -t mangle | grep '^\['
  $S iptables -t mangle -Z
}
echo "== ip_forward 0"
ip netns exec h1 ping -c 1 -W 1 10.96.0.10 | grep -E 'ttl|transmitted|From'
show
$S sysctl -qw net.ipv4.ip_forward=1
echo "== bridged, neighbour unresolved, ttl 1"
ip netns exec h1 ping -c 1 -W 1 -t 1 10.96.0.10 | grep -E 'ttl|transmitted|From'
$S ip neigh show dev br0 | sort
show
echo "== bridged, neighbour known"
ip netns exec h1 ping -c 1 -W 1 -t 1 10.96.0.10 | grep -E 'ttl|transmitted|From'
show
echo "== to the bridge itself"
ip netns exec h1 ping -c 1 -W 1 10.96.0.11 | grep -E 'ttl|transmitted|From'
show
echo "== routed elsewhere"
ip netns exec h1 ping -c 1 -W 1 -t 1 10.96.0.12 | grep -E 'ttl|transmitted|From'
ip netns exec h1 ping -c 1 -W 1 10.96.0.12 | grep -E 'ttl|transmitted|From'
show
$S iptables-save -c -t nat | grep '^\['
$S bridge fdb show br br0 | grep -v permanent
