# Flooded frames: PREROUTING once at the ingress port, then FORWARD and POSTROUTING once per
# egress port, each copy with its own physdev-out; a broadcast also reaches INPUT of the bridge.
for n in sw h1 h2 h3; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n sw link add br0 address 02:00:00:00:00:fe type bridge
for i in 1 2 3; do
  ip -n sw link add sw-h$i address 02:00:00:00:01:0$i type veth peer name eth0 address 02:00:00:00:00:0$i netns h$i
  ip -n sw link set sw-h$i master br0
  ip -n h$i addr add 10.0.0.$i/24 dev eth0
  ip -n sw link set sw-h$i up
  ip -n h$i link set eth0 up
done
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw link set br0 up
sleep 1
S="ip netns exec sw"
for c in PREROUTING INPUT FORWARD POSTROUTING; do
  $S iptables -t mangle -A $c -m physdev --physdev-in sw-h1
  for i in 1 2 3; do $S iptables -t mangle -A $c -m physdev --physdev-out sw-h$i; done
  $S iptables -t mangle -A $c -m physdev ! --physdev-out sw-h2
  $S iptables -t mangle -A $c -m physdev --physdev-out sw-+
  $S iptables -t mangle -A $c -m pkttype --pkt-type broadcast
  $S iptables -t mangle -A $c -m pkttype --pkt-type unicast
done
echo "== broadcast"
ip netns exec h1 ping -c 1 -W 1 -b 10.0.0.255
echo "ping: $?"
$S iptables-save -c -t mangle | grep -v '^#'
$S iptables -t mangle -Z
echo "== unknown unicast"
ip -n h1 neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0
ip netns exec h1 ping -c 1 -W 1 10.0.0.9 > /dev/null
echo "ping: $?"
$S iptables -t mangle -L -v -n -x
