# DNAT of bridged traffic: a service address in front of a host on the same
# bridge; the frame stays bridged.
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
ip -n h1 route add 10.96.0.10 dev eth0
ip -n h1 neigh add 10.96.0.10 lladdr 02:00:00:00:00:02 dev eth0
ip -n sw addr add 10.0.0.254/24 dev br0
# A DNATed bridged packet is routed by the bridge namespace (br_nf_pre_routing_finish): it must forward.
ip netns exec sw sysctl -qw net.ipv4.ip_forward=1
sleep 1
S="ip netns exec sw"
$S iptables -t nat -A PREROUTING -d 10.96.0.10 -j DNAT --to-destination 10.0.0.2
$S iptables -t nat -A POSTROUTING -m physdev --physdev-is-bridged
$S iptables -A FORWARD -d 10.0.0.2 -m physdev --physdev-is-bridged
$S iptables -A FORWARD -s 10.0.0.2
ip netns exec h2 iptables -A INPUT -d 10.0.0.2 -p icmp
ip netns exec h1 iptables -A INPUT -s 10.96.0.10
# probe: ip netns exec h1 ping -c1 -W1 10.96.0.10
