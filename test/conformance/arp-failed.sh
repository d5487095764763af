# Resolution failure: an absent on-link host stays INCOMPLETE while probed, then FAILED; new traffic restarts resolution.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 -W 1 10.0.0.9
echo "ping: $?"
ip -n a neigh show
ip -n a neigh show nud incomplete
sleep 3
ip -n a neigh show
ip -n a neigh show nud failed
ip -n a neigh show nud incomplete
ip netns exec a ping -c 1 -W 1 10.0.0.9 > /dev/null
echo "ping: $?"
ip -n a neigh show
ip -n a link set va down
ip -n a neigh show
echo "entries after down: $(ip -n a neigh show | wc -l)"
