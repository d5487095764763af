# Policy counters: iptables-nft counts a built-in chain's policy only once a
# policy was set with -P, and only for packets that reach the end of the chain.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for ns in h1 h2; do
  S="ip netns exec $ns"
  $S iptables -P INPUT ACCEPT
  $S iptables -P OUTPUT ACCEPT
  $S iptables -A INPUT -p icmp
  $S iptables -A OUTPUT -p icmp --icmp-type echo-request -j ACCEPT
done
ip netns exec h2 iptables -P FORWARD DROP
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
