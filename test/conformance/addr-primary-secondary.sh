# ip addr: primaries, secondaries, brd, peer, label, scope, noprefixroute, deletion and flush.
ip link add v0 type veth peer name v1
ip addr add 10.0.0.1/24 dev v0
ip addr add 10.0.0.2/24 dev v0
ip addr add 10.0.0.1/24 dev v0
echo "dup: $?"
ip addr add 10.0.0.3/16 dev v0
ip addr add 10.1.0.1/24 brd + dev v0
ip addr add 10.2.0.1/24 broadcast 10.2.0.9 dev v0 label v0:1
ip addr add 10.3.0.1 dev v0
ip addr add 10.4.0.1/24 dev v0 scope link
ip addr add 10.5.0.1/24 dev v0 noprefixroute
ip addr add 10.6.0.1 peer 10.6.0.2 dev v0
ip addr add 10.7.0.1/31 dev v0
ip addr add 10.9.0.1/24 brd - dev v0
ip addr show dev v0
ip -br addr show v0
ip -4 -o addr show v0
ip addr del 10.0.0.99/24 dev v0
echo "del missing: $?"
ip addr del 10.0.0.2 dev v0
echo "wildcard: $?"
ip addr del 10.0.0.1/24 dev v0
ip addr show v0
ip addr flush dev v0 label v0:1
ip -4 addr show scope link
ip addr flush dev v0
ip addr show dev v0
ip addr show dev nope
echo "show: $?"
