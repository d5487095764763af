# br_netfilter: a ping bridged between two namespaces crosses iptables PREROUTING,
# FORWARD and POSTROUTING of the bridge's namespace, with -i/-o the bridge and physdev the ports.
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
ip -n sw link set br0 up
sleep 1
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables
S="ip netns exec sw"
$S iptables -t raw -A PREROUTING -i br0
$S iptables -t raw -A PREROUTING -m physdev --physdev-in sw-h1
$S iptables -t raw -A PREROUTING -m physdev --physdev-in sw-h2
for c in PREROUTING FORWARD POSTROUTING; do
  $S iptables -t mangle -A $c -m physdev --physdev-is-in
  $S iptables -t mangle -A $c -m physdev --physdev-is-out
  $S iptables -t mangle -A $c -m physdev --physdev-is-bridged
  $S iptables -t mangle -A $c -m physdev --physdev-in sw-h1 --physdev-out sw-h2
done
$S iptables -A FORWARD -i br0 -o br0
$S iptables -A FORWARD -m physdev --physdev-in sw-h1
$S iptables -A FORWARD -m physdev --physdev-out sw-h1
$S iptables -A FORWARD -m physdev --physdev-in sw-h2 --physdev-out sw-h1 --physdev-is-bridged
$S iptables -A FORWARD -p icmp --icmp-type echo-request -m physdev --physdev-out sw-h2 -j ACCEPT
$S iptables -A FORWARD -m mac --mac-source 02:00:00:00:00:02
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
echo "ping: $?"
$S iptables -t raw -L PREROUTING -v -n -x
$S iptables -t mangle -S -v
$S iptables -L FORWARD -v -n -x --line-numbers
$S iptables-save -c | grep -v '^#'
# Nothing was ever routed: the bridge namespace does not forward IPv4 itself.
$S sysctl net.ipv4.ip_forward
