# A bridge with three namespaces on veth ports: learning, forwarding, the bridge as L3 gateway.
# IPv6 is off so that no router solicitation or MLD report teaches the bridge early.
for n in sw h1 h2 h3; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
done
ip -n sw link add br0 type bridge
# A fixed bridge MAC: otherwise it is the lowest of the random port MACs, which orders differently each run.
ip -n sw link set br0 address 02:00:00:00:00:01
for n in 1 2 3; do
  ip -n sw link add p$n type veth peer name eth0 netns h$n
  ip -n sw link set p$n master br0
  ip -n sw link set p$n up
  ip -n h$n addr add 10.0.0.1$n/24 dev eth0
  ip -n h$n link set eth0 up
  ip -n h$n route add default via 10.0.0.1
done
ip -n sw addr add 10.0.0.1/24 dev br0
ip -n sw link set br0 up
bridge -n sw link
bridge -n sw fdb show | grep -v self
ip netns exec h1 ping -c 1 -W 1 10.0.0.12 > /dev/null
echo "h1 -> h2: $?"
bridge -n sw fdb show br br0 | grep -v self
ip -n h1 neigh show
ip -n h2 neigh show
ip -n h3 neigh show
ip -n sw neigh show
ip netns exec h3 ping -c 1 -W 1 10.0.0.1 > /dev/null
echo "h3 -> br0: $?"
bridge -n sw fdb show dev p3 | grep -v self
ip -n sw neigh show | sort
# The state here (STALE or REACHABLE) depends on real-side timing under load: compare the entry, not its state.
ip -n h3 neigh show | cut -d' ' -f1-5
bridge -n sw fdb show | grep -v permanent
bridge -n sw fdb show br nosuch
echo "no bridge: $?"
ip -n sw link set p2 down
bridge -n sw link show
bridge -n sw fdb show | grep -v self
