# Carrier loss on a router's output veth (its peer set down) flushes the device's learned neighbours, not the
# permanent ones. A forwarded ping to the flushed next hop waits on ARP, whose probes are lost: after 3 s the
# entry is FAILED and the sender hears Host Unreachable from the router (the router's own ping the same from
# itself). To the permanent one it is lost silently.
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add rb netns r type veth peer name vb netns b
ip -n a addr add 10.0.1.2/24 dev va
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev vb
ip -n b link set vb address 02:00:00:00:02:02
ip -n a link set va up
ip -n r link set lo up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n r neigh add 10.0.2.3 lladdr 02:00:00:00:02:03 dev rb nud permanent
sleep 1
ip netns exec a ping -c1 -W1 10.0.2.2 > /dev/null
echo "ping up: $?"
ip -n r neigh show dev rb | sort
ip -n b link set vb down
ip -n r neigh show dev rb
ip -n r route show dev rb
ip netns exec a ping -c1 -W1 10.0.2.3 > /tmp/neigh-carrier-loss.out &
ip netns exec r ping -c1 -W4 10.0.2.4 > /tmp/neigh-carrier-loss.local &
ip netns exec a ping -c1 -W4 10.0.2.2
echo "ping flushed: $?"
wait
cat /tmp/neigh-carrier-loss.out
cat /tmp/neigh-carrier-loss.local
ip -n r neigh show dev rb | sort
ip -n r neigh show nud failed | sort
