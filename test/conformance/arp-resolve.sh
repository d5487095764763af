# ARP between two namespaces over a veth: requester ends REACHABLE, responder learns the sender (STALE, then DELAY after replying).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a neigh show
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
echo "ping: $?"
ip -n a neigh show
ip -n b neigh show
ip -n a neigh
ip -n a neigh show dev va
ip -n a neigh show nud reachable
ip -n a neigh show nud stale
ip -n b neigh show nud delay
ip -n a neigh show 10.0.0.2
ip -n a neigh show to 10.0.0.0/24
ip -n a neigh get 10.0.0.2 dev va
ip -n a neigh show dev nosuch
echo "status: $?"
ip -n a neigh show nud bogus
echo "status: $?"
# After delay_first_probe_time the responder probes by unicast and gets confirmed.
sleep 6
ip -n b neigh show
ip netns exec b ping -c 1 -W 1 10.0.0.1 > /dev/null
echo "ping: $?"
ip -n b neigh show
ip -n a neigh show
