# Route command errors: unreachable gateways, missing or down devices, bad arguments, with exit codes.
ip netns add a
ip -n a link add d0 type veth peer name p0
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a link set d0 up
ip -n a link set p0 up
ip -n a route add 172.16.0.0/16 via 10.0.0.2
ip -n a route add 1.2.3.0/24 via 99.0.0.1; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 172.16.0.9; echo "rc=$?"
ip -n a route add 1.2.3.0/24; echo "rc=$?"
ip -n a route add foo dev d0; echo "rc=$?"
ip -n a route add 1.2.3.4/33 dev d0; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev nope; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via foo; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 metric x; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 table x; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 proto x; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 scope x; echo "rc=$?"
ip -n a route add 1.2.3.1/24 dev d0; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 src 8.8.8.8; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 junk; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 10.0.0.2 dev v0; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev v0; echo "rc=$?"
ip -n a route add 1.2.3.0/24 dev d0 scope host via 10.0.0.2; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 2.2.2.2 onlink; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 10.0.0.1 dev d0 onlink; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 2.2.2.2 dev v0 onlink; echo "rc=$?"
ip -n a route add blackhole 1.2.3.0/24 dev d0; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via; echo "rc=$?"
ip -n a route frob; echo "rc=$?"
ip -n a route show table nope; echo "rc=$?"
ip -n a route show dev nope; echo "rc=$?"
ip -n a route add 1.2.3.0/24 via 10.0.0.1; echo "rc=$?"
ip -n a route add 1.2.4.0/24 via 2.2.2.2 dev d0 onlink; echo "rc=$?"
ip -n a route
