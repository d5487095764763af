# Filtering bridged traffic: DROP in FORWARD by port pair stops bridged pings one way,
# a FORWARD policy DROP stops all bridging but not pings to the bridge itself,
# and --physdev-is-bridged lets bridged traffic through again.
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
echo "== h1 -/-> h2"
$S iptables -A FORWARD -m physdev --physdev-in sw-h1 --physdev-out sw-h2 -j DROP
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec h1 ping -c 1 -W 1 10.0.0.3 > /dev/null
echo "h1 -> h3: $?"
# h2's requests get through; h1's replies do not.
ip netns exec h2 ping -c 1 -W 1 10.0.0.1 > /dev/null
echo "h2 -> h1: $?"
$S iptables -L FORWARD -v -n -x
echo "== policy DROP"
$S iptables -F FORWARD
$S iptables -P FORWARD DROP
ip netns exec h3 ping -c 1 -W 1 10.0.0.2 > /dev/null
echo "h3 -> h2: $?"
ip netns exec h3 ping -c 1 -W 1 10.0.0.254 > /dev/null
echo "h3 -> br0: $?"
$S ping -c 1 -W 1 10.0.0.3 > /dev/null
echo "br0 -> h3: $?"
$S iptables -L FORWARD -v -n -x
echo "== bridged traffic allowed"
$S iptables -A FORWARD -m physdev --physdev-is-bridged -j ACCEPT
ip netns exec h3 ping -c 2 -i 0.2 -W 1 10.0.0.2 > /dev/null
echo "h3 -> h2: $?"
$S iptables-save -c | grep -v '^#'
echo "== PREROUTING drop comes before learning"
$S iptables -t raw -A PREROUTING -m physdev --physdev-in sw-h3 -j DROP
$S bridge fdb del 02:00:00:00:00:03 dev sw-h3 master
ip -n h3 neigh replace 10.0.0.1 lladdr 02:00:00:00:00:01 dev eth0
ip netns exec h3 ping -c 1 -W 1 10.0.0.1 > /dev/null
echo "h3 -> h1: $?"
$S bridge fdb show br br0 | grep -v permanent
$S iptables-save -c -t raw | grep -v '^#'
