# A frame for the bridge's MAC that the IP stack routes elsewhere keeps its bridge port:
# physdev-in still matches in FORWARD and POSTROUTING (the bridge info rides on the packet),
# while is-bridged does not; the reply routed out through br0 crosses POSTROUTING only once.
for n in sw h1 r; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n sw link add br0 address 02:00:00:00:00:fe type bridge
ip -n sw link add sw-h1 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:00:01 netns h1
ip -n sw link set sw-h1 master br0
ip -n sw link add up0 address 02:00:00:00:02:01 type veth peer name eth0 address 02:00:00:00:02:02 netns r
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw addr add 10.9.0.1/24 dev up0
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.9.0.2/24 dev eth0
for l in sw-h1 up0 br0; do ip -n sw link set $l up; done
ip -n h1 link set eth0 up
ip -n r link set eth0 up
ip -n h1 route add default via 10.0.0.254
ip -n r route add default via 10.9.0.1
ip netns exec sw sysctl -qw net.ipv4.ip_forward=1
sleep 1
S="ip netns exec sw"
for c in PREROUTING FORWARD POSTROUTING; do
  $S iptables -t mangle -A $c -m physdev --physdev-in sw-h1
  $S iptables -t mangle -A $c -m physdev --physdev-is-in
  $S iptables -t mangle -A $c -m physdev --physdev-is-bridged
  $S iptables -t mangle -A $c -m physdev ! --physdev-is-bridged
  $S iptables -t mangle -A $c -m physdev ! --physdev-out sw-h1
  $S iptables -t mangle -A $c
done
$S iptables -A FORWARD -i br0 -o up0 -m physdev --physdev-in sw-h1
$S iptables -A FORWARD -i up0 -o br0 -m physdev ! --physdev-is-in
ip netns exec h1 ping -c 1 -W 1 10.9.0.2 | grep ttl
ip netns exec r ping -c 1 -W 1 10.0.0.1 | grep ttl
$S iptables-save -c | grep -v '^#'
