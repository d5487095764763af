# Hairpin masqueraded by conntrack state instead of by a mark: one nat rule masquerades every
# pod flow that was DNATed (`--ctstate DNAT`), which covers the pod reaching itself through its
# service (hairpin on) as well as another pod reaching it. mangle counters on the bridged path
# show what the conntrack match sees at each hook: DNAT from the first packet on, SNAT only once
# nat POSTROUTING (after mangle) has bound the source, the direction and CONFIRMED on later ones.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns exec node sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
for i in 2 3; do
  ip netns add pod$i
  ip netns exec pod$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n node link add veth$i type veth peer name eth0 netns pod$i
  ip -n node link set veth$i master cni0
  ip -n node link set veth$i up
  ip -n pod$i addr add 10.244.1.$i/24 dev eth0
  ip -n pod$i link set lo up
  ip -n pod$i link set eth0 up
  ip -n pod$i route add default via 10.244.1.1
done
ip -n node link set cni0 up
bridge -n node link set dev veth3 hairpin on
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
S="ip netns exec node"
$S iptables -t nat -A PREROUTING -d 10.96.0.30 -j DNAT --to-destination 10.244.1.3
$S iptables -t nat -A POSTROUTING -s 10.244.1.0/24 -m conntrack --ctstate DNAT -j MASQUERADE
for c in FORWARD POSTROUTING; do
  $S iptables -t mangle -A $c -m conntrack --ctstate DNAT --ctdir ORIGINAL
  $S iptables -t mangle -A $c -m conntrack --ctstate DNAT --ctdir REPLY
  $S iptables -t mangle -A $c -m conntrack --ctstate SNAT
  $S iptables -t mangle -A $c -m conntrack --ctstate NEW
  $S iptables -t mangle -A $c -m conntrack --ctstatus CONFIRMED
  $S iptables -t mangle -A $c -m conntrack --ctorigdst 10.96.0.30 --ctrepldst 10.244.1.1
  $S iptables -t mangle -A $c -m physdev --physdev-in veth3 --physdev-out veth3
done
echo "== pod2 -> service -> pod3"
ip netns exec pod2 ping -c 2 10.96.0.30 | grep -E 'bytes from|transmitted'
$S conntrack -L | ct
$S iptables-save -c -t mangle | grep '^\['
$S iptables -t mangle -Z
echo "== pod3 -> service -> pod3"
ip netns exec pod3 ping -c 2 -i 0.2 10.96.0.30 | grep -E 'bytes from|transmitted'
$S conntrack -L -s 10.244.1.3 | ct
$S iptables-save -c -t mangle | grep '^\['
$S iptables-save -c -t nat | grep '^\['
