# Static FDB entries, learning and flood flags on ports.
ip netns add sw
ip -n sw link add br0 type bridge
ip -n sw link add p1 type veth peer name q1
ip -n sw link add p2 type veth peer name q2
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
bridge -n sw fdb add 00:aa:bb:cc:dd:ee dev p2 master static
echo "add: $?"
bridge -n sw fdb add 00:aa:bb:cc:dd:ee dev p2 master static
echo "add again: $?"
bridge -n sw fdb show br br0 | grep -v self
bridge -n sw fdb show dev p2 | grep master
bridge -n sw fdb del 00:aa:bb:cc:dd:ee dev p2 master
echo "del: $?"
bridge -n sw fdb del 00:aa:bb:cc:dd:ee dev p2 master
echo "del again: $?"
bridge -n sw fdb show dev p2 | grep master
bridge -n sw link set dev p2 learning off flood off
echo "set: $?"
bridge -n sw -d link show dev p2 | grep -o 'learning [a-z]* flood [a-z]*'
bridge -n sw link show
ip -n sw link set br0 up
ip -n sw link set p1 up
ip -n sw link set q1 up
# Carrier reaches the bridge port through linkwatch, asynchronously on real Linux: let it settle.
sleep 1
bridge -n sw link show
bridge -n sw fdb frob
echo "unknown: $?"
