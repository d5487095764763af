# br_netfilter: a DROP on a bridge port in FORWARD stops a bridged ping.
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
$S iptables -A FORWARD -m physdev --physdev-in sw-h2 -j ACCEPT
$S iptables -A FORWARD -m physdev --physdev-out sw-h2 -p icmp -j DROP
$S iptables -t nat -A PREROUTING -i br0
$S iptables -t nat -A POSTROUTING -o br0
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
