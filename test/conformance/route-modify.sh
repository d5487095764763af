# add/prepend/append/replace/change/del semantics, duplicates, and flush.
ip netns add a
ip -n a link add d0 type veth peer name p0
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a link set d0 up
ip -n a link set p0 up
ip -n a route add 10.0.0.0/8 via 10.0.0.3
ip -n a route add 10.0.0.0/16 via 10.0.0.3
ip -n a route add 10.0.0.0/8 via 10.0.0.4 metric 5
ip -n a route add 10.0.0.0/8 via 10.0.0.5 metric 5; echo "rc=$?"
ip -n a route append 10.0.0.0/8 via 10.0.0.5 metric 5; echo "rc=$?"
ip -n a route prepend 10.0.0.0/8 via 10.0.0.6 metric 5; echo "rc=$?"
ip -n a route append 10.0.0.0/8 via 10.0.0.6 metric 5; echo "rc=$?"
ip -n a route add 10.0.0.0/8 tos 0x10 via 10.0.0.7; echo "rc=$?"
ip -n a route add 20.0.0.0/8 dev d0; ip -n a route add 20.0.0.0/8 dev d0; echo "rc=$?"
ip -n a route
echo "--- change/replace"
ip -n a route change 10.0.0.0/8 via 10.0.0.9 metric 5; echo "rc=$?"
ip -n a route change 11.0.0.0/8 via 10.0.0.9 metric 5; echo "rc=$?"
ip -n a route replace 10.0.0.0/16 via 10.0.0.8; echo "rc=$?"
ip -n a route replace 12.0.0.0/16 via 10.0.0.8 proto static; echo "rc=$?"
ip -n a route replace 12.0.0.0/16 via 10.0.0.8 proto static; echo "rc=$?"
ip -n a route
echo "--- del"
ip -n a route del 10.0.0.0/8 metric 5; echo "rc=$?"
ip -n a route del 10.0.0.0/8 via 10.0.0.5; echo "rc=$?"
ip -n a route del 10.0.0.0/8 via 10.0.0.5; echo "rc=$?"
ip -n a route del 10.0.0.0/8 proto static; echo "rc=$?"
ip -n a route del 10.0.0.0/8 dev lo; echo "rc=$?"
ip -n a route delete 10.0.0.0/8; echo "rc=$?"
ip -n a route del 99.0.0.0/8; echo "rc=$?"
ip -n a route
echo "--- flush"
ip -n a route add 30.0.0.0/8 dev d0 table 100
ip -n a route add 31.0.0.0/8 dev d0 table 100
ip -n a route flush table 100; echo "rc=$?"
ip -n a route show table 100
ip -n a route flush 12.0.0.0/16; echo "rc=$?"
ip -n a route flush; echo "rc=$?"
ip -n a route flush table 555; echo "rc=$?"
ip -n a route flush dev d0; echo "rc=$?"
ip -n a -4 route show table all
