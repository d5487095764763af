# The example topology: a veth pair whose ends live in two namespaces; state follows both ends.
ip netns add h1
ip netns add r
ip link add eth0 netns h1 type veth peer name r-h1 netns r
echo "add: $?"
ip -n h1 link
ip -n r link show r-h1
ip -n h1 link set eth0 up
ip -n h1 link show eth0
ip -n r link set r-h1 up
# linkwatch may report the end just set up as NO-CARRIER for up to a second.
sleep 1
ip -n h1 link show eth0
ip -n r -br link
ip -n h1 link set eth0 down
sleep 1
ip -n r link show r-h1
ip -n h1 -br link show eth0
ip netns list
