# ping a neighbour across a veth pair, and an on-link address nobody owns: ARP gives up
# after 3 s, later than -W 1; the host unreachable the kernel then sends itself goes through lo.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 192.168.10.2/24 dev va
ip -n b addr add 192.168.10.3/24 dev vb
ip -n a link set va up
ip -n b link set vb up
# The default 1 s interval: with -i 0.2 a busy machine answers the first (ARP-delayed) echo late and real ping adds "pipe 2".
ip netns exec a ping -c 2 192.168.10.3
echo "ping: $?"
ip netns exec b ping -c 1 -q 192.168.10.2
echo "ping: $?"
ip netns exec a ping -c 1 -W 1 192.168.10.77
echo "ping: $?"
ip netns exec a ping -c 1 -W 1 10.0.0.1
echo "ping: $?"
# With lo up the kernel's own host unreachable reaches the socket.
ip -n a link set lo up
ip netns exec a ping -c 1 -W 4 192.168.10.77
echo "ping: $?"
