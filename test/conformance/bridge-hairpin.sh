# Hairpin: a flooded frame goes back out its ingress port only when that port has hairpin on.
for n in sw h1 h2 h3; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
done
ip -n sw link add br0 type bridge
for n in 1 2 3; do
  ip -n sw link add p$n type veth peer name eth0 netns h$n
  ip -n sw link set p$n master br0
  ip -n sw link set p$n up
  ip -n h$n addr add 10.0.0.1$n/24 dev eth0
  ip -n h$n link set eth0 up
done
ip -n sw link set br0 up
rx() { ip -n $1 -s link show eth0 | awk 'NR == 4 { print $2 }'; }
# Unicast to a MAC the bridge has never seen is flooded.
ip -n h1 neigh add 10.0.0.99 lladdr 02:00:00:00:00:99 dev eth0
ip netns exec h1 ping -c 1 -W 1 10.0.0.99 > /dev/null
for mode in off on off; do
  bridge -n sw link set dev p1 hairpin $mode
  echo "set hairpin $mode: $?"
  before1=$(rx h1) before2=$(rx h2)
  ip netns exec h1 ping -c 1 -W 1 10.0.0.99 > /dev/null
  echo "hairpin $mode: h1 got $(( $(rx h1) - before1 )), h2 got $(( $(rx h2) - before2 ))"
done
bridge -n sw -d link show dev p1 | grep -o 'hairpin [a-z]*'
bridge -n sw link set dev p1 hairpin on
bridge -n sw -d link show dev p1
bridge -n sw link set dev p1 hairpin maybe
echo "bad value: $?"
bridge -n sw link set dev nosuch hairpin on
echo "no device: $?"
bridge -n sw link frob
echo "unknown: $?"
bridge -n sw frob
echo "unknown object: $?"
