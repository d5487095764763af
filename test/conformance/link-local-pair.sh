# A veth pair and a bridge in one namespace: names, M-DOWN, LOWERLAYERDOWN, bridge carrier and MAC.
ip link add v0 type veth peer name v1
ip link
ip link set v0 up
ip link show v0
ip link add br0 type bridge
ip link set br0 up
ip link show br0
ip link set v1 master br0
ip link show br0
ip link show v1
ip link set v1 up
# The bridge's carrier follows its port through linkwatch, asynchronously.
sleep 1
ip link show br0
ip -br link
ip link show master br0
ip link show type bridge
ip link set v1 nomaster
ip link show br0
ip link del v0
ip link show v1
echo "show: $?"
ip -br link
