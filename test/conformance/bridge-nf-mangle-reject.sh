# What bridged packets carry through the hooks: a mark set in PREROUTING is seen in FORWARD,
# POSTROUTING and, for the bridge itself, INPUT; a TTL rewrite reaches the far host; REJECT in
# FORWARD answers from the bridge's own address, and not at all when the bridge has none.
for n in sw h1 h2; do
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
done
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw link set br0 up
sleep 1
S="ip netns exec sw"
$S iptables -t mangle -A PREROUTING -m physdev --physdev-in sw-h1 -j MARK --set-mark 0x11
$S iptables -t mangle -A PREROUTING -m physdev --physdev-in sw-h2 -j TTL --ttl-set 9
for c in INPUT FORWARD POSTROUTING; do
  $S iptables -t mangle -A $c -m mark --mark 0x11
  $S iptables -t mangle -A $c -m mark --mark 0
done
echo "== mark and ttl"
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 | grep ttl
ip netns exec h1 ping -c 1 -W 1 10.0.0.254 > /dev/null
echo "h1 -> br0: $?"
$S iptables-save -c -t mangle | grep -v '^#'
echo "== reject"
$S iptables -A FORWARD -m physdev --physdev-out sw-h2 -j REJECT
$S iptables -A FORWARD -m physdev --physdev-out sw-h1 -j REJECT --reject-with icmp-host-prohibited
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec h2 ping -c 1 -W 1 10.0.0.1
echo "ping: $?"
echo "== reject without an address on br0"
$S ip addr flush dev br0
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
echo "ping: $?"
$S iptables -L FORWARD -v -n -x
