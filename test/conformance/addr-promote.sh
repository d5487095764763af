# Deleting a primary removes its secondaries, unless promote_secondaries is on.
ip netns add a
ip -n a link add d0 type bridge
ip -n a addr add 192.168.1.1/24 dev d0
ip -n a addr add 192.168.1.2/24 dev d0
ip -n a addr add 192.168.1.3/24 dev d0
ip -n a addr add 192.168.2.1/24 dev d0
ip -n a addr del 192.168.1.1/24 dev d0
ip -n a -4 addr show d0
ip -n a addr add 192.168.1.1/24 dev d0
ip -n a addr add 192.168.1.2/24 dev d0
ip -n a addr add 192.168.1.3/24 dev d0
ip netns exec a sysctl -w net.ipv4.conf.d0.promote_secondaries=1
ip -n a addr del 192.168.1.1/24 dev d0
ip -n a -4 addr show d0
ip -n a addr add 10.0.0.1 dev d0
ip -n a addr add bad dev d0
echo "bad: $?"
ip -n a addr add 10.0.0.5/33 dev d0
echo "len: $?"
ip -n a addr add 10.0.0.5/24 dev nope
echo "dev: $?"
ip -n a addr add 10.0.0.5/24
echo "nodev: $?"
ip -n a addr add 10.0.0.5/24 dev d0 scope bogus
echo "scope: $?"
ip -n a link set lo up
ip -n a -4 a
