# owner matches packets a local process sent (ping) but not the kernel's
# echo reply; length and comment on both.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for ns in h1 h2; do
  S="ip netns exec $ns"
  $S iptables -A OUTPUT -m owner --uid-owner 0
  $S iptables -A OUTPUT -m owner ! --uid-owner 0
  $S iptables -A OUTPUT -m length --length 80:90 -m comment --comment "a ping"
  $S iptables -A OUTPUT -m length --length 0:79
done
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
