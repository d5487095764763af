# br_netfilter and the bridge's own address: a frame for br0 crosses PREROUTING once (with physdev-in)
# and INPUT still knows its port; what br0 sends itself crosses OUTPUT/POSTROUTING without physdev.
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
ip -n sw link set lo up
sleep 1
S="ip netns exec sw"
for c in PREROUTING INPUT OUTPUT POSTROUTING; do
  $S iptables -t mangle -A $c -m physdev --physdev-in sw-h1
  $S iptables -t mangle -A $c -m physdev --physdev-in sw-h2
  $S iptables -t mangle -A $c -m physdev --physdev-is-in
  $S iptables -t mangle -A $c -m physdev ! --physdev-is-in
  $S iptables -t mangle -A $c -m physdev ! --physdev-is-bridged
  $S iptables -t mangle -A $c -m physdev ! --physdev-in sw-h1
done
for c in PREROUTING INPUT POSTROUTING; do
  $S iptables -t mangle -A $c -m physdev --physdev-out sw-h2
  $S iptables -t mangle -A $c -m physdev ! --physdev-out sw-h2
done
$S iptables -A INPUT -i br0 -m physdev --physdev-in sw-h1 -m mac --mac-source 02:00:00:00:00:01
$S iptables -A INPUT -i br0 -m pkttype --pkt-type unicast
$S iptables -A OUTPUT -o br0 -m physdev --physdev-is-bridged --physdev-out sw-h2
$S iptables -A OUTPUT -o br0
echo "== h1 -> br0"
ip netns exec h1 ping -c 1 -W 1 10.0.0.254 > /dev/null
echo "ping: $?"
$S iptables-save -c -t mangle | grep -v '^#'
$S iptables -L -v -n -x
$S iptables -t mangle -Z
$S iptables -Z
echo "== br0 -> h2"
$S ping -c 1 -W 1 10.0.0.2 > /dev/null
echo "ping: $?"
$S iptables-save -c | grep -v '^#'
