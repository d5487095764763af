# net.bridge.bridge-nf-call-iptables is per namespace, on by default, and stores any non-zero
# value as 1; off, bridged IPv4 skips iptables while frames for the bridge itself still see
# PREROUTING and INPUT, only without physdev.
for n in sw h1 h2; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec sw sysctl net.bridge
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
for c in PREROUTING INPUT FORWARD; do
  $S iptables -t mangle -A $c -i br0
  $S iptables -t mangle -A $c -m physdev --physdev-is-in
done
$S iptables -t mangle -A OUTPUT -o br0
$S iptables -t mangle -A POSTROUTING -o br0
$S iptables -t mangle -A POSTROUTING -m physdev --physdev-is-in
pings() {
  ip netns exec h1 ping -c 1 -W 1 10.0.0.2 > /dev/null
  echo "h1 -> h2: $?"
  ip netns exec h1 ping -c 1 -W 1 10.0.0.254 > /dev/null
  echo "h1 -> br0: $?"
  $S iptables-save -c -t mangle | grep -v '^#'
  $S iptables -t mangle -Z
}
echo "== on"
pings
echo "== off"
$S sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec h1 sysctl net.bridge.bridge-nf-call-iptables
pings
echo "== on again (7 reads back as 1)"
$S sysctl -w net.bridge.bridge-nf-call-iptables=7
$S sysctl net.bridge.bridge-nf-call-iptables
pings
$S sysctl -w net.bridge.bridge-nf-call-iptables=on
echo "sysctl: $?"
