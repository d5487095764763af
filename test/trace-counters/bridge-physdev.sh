# br_netfilter: a ping bridged between two ports crosses the bridge namespace's
# PREROUTING, FORWARD and POSTROUTING, with physdev naming the ports.
for n in sw h1 h2; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n sw link add br0 address 02:00:00:00:00:fe type bridge mcast_snooping 0
for i in 1 2; do
  ip -n sw link add sw-h$i address 02:00:00:00:01:0$i type veth peer name eth0 address 02:00:00:00:00:0$i netns h$i
  ip -n sw link set sw-h$i master br0
  ip -n h$i addr add 10.0.0.$i/24 dev eth0
  ip -n sw link set sw-h$i up
  ip -n h$i link set eth0 up
done
ip -n sw link set br0 up
sleep 1
S="ip netns exec sw"
$S iptables -t raw -A PREROUTING -m physdev --physdev-in sw-h1
$S iptables -t raw -A PREROUTING -m physdev --physdev-in sw-h2
$S iptables -t mangle -A FORWARD -m physdev --physdev-is-bridged
$S iptables -t mangle -A POSTROUTING -m physdev --physdev-out sw-h2
$S iptables -A FORWARD -i br0 -o br0 -m physdev --physdev-in sw-h1 --physdev-out sw-h2
$S iptables -A FORWARD -m physdev --physdev-in sw-h2 --physdev-out sw-h1 -j ACCEPT
$S iptables -A FORWARD -m mac --mac-source 02:00:00:00:00:02
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
