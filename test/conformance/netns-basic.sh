# ip netns add/list/exec/identify/del and their failure paths.
ip netns add n1
ip netns add n2
ip netns list
ip netns
ip netns add n1
echo "add dup: $?"
ip netns exec n1 ip link
ip netns exec n1 ip netns identify
ip netns identify
ip netns exec n3 true
echo "exec missing: $?"
ip netns exec n1 false
echo "exec false: $?"
ip netns exec
echo "exec no name: $?"
ip netns exec n1
echo "exec no cmd: $?"
ip link add v0 netns n1 type veth peer name v1 netns n2
ip -n n1 -br link
ip netns del n2
# The kernel tears the namespace (and the veth end in n1) down asynchronously.
sleep 1
ip -n n1 -br link
ip netns del n2
echo "del missing: $?"
ip netns list
ip netns add n3
ip link add x0 type veth peer name x1
ip link set x1 netns n3
ip netns list
ip link show x0
ip -n n3 link show x1
