# Kernel routes from addresses: local/broadcast/prefix routes, linkdown without carrier, down/up of the device.
ip netns add a
ip netns add b
ip link add d0 netns a type veth peer name p0 netns b
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a -4 route show table all
ip -n a link set d0 up
echo "--- up, no carrier"
ip -n a -4 route show table all
ip -n b link set p0 up
echo "--- carrier"
ip -n a route
ip -n a link set lo up
ip -n a addr add 10.1.0.1/32 dev d0
ip -n a addr add 10.2.0.1/24 dev d0 noprefixroute
ip -n a addr add 10.0.0.5/24 dev d0
ip -n a addr add 192.168.5.1/30 dev v0
ip -n a addr add 192.168.6.1/31 dev v0
ip -n a link set v0 up
echo "--- more addresses"
ip -n a -4 route show table all
ip -n a route show table local
ip -n a route add 172.16.0.0/16 via 10.0.0.2
ip -n a route add 172.21.0.0/16 dev d0 scope host table 7
ip -n a link set d0 down
echo "--- d0 down"
ip -n a -4 route show table all
ip -n a link set d0 up
echo "--- d0 up again"
ip -n a -4 route show table all
ip -n a addr del 10.0.0.5/24 dev d0
ip -n a addr del 10.2.0.1/24 dev d0
echo "--- addresses removed"
ip -n a -4 route show table all
