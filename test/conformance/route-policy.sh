# Policy routing: rules select tables by fwmark, source, destination and iif; ip route get follows them.
ip netns add a
ip netns add b
ip link add d0 netns a type veth peer name p0 netns b
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a addr add 10.9.0.1/24 dev v0
ip -n a link set d0 up
ip -n b link set p0 up
ip -n a link set v0 up
ip -n a link set v1 up
ip -n a link set lo up
ip -n a route add default via 10.9.0.2 table 100
ip -n a route add default via 10.0.0.2
ip -n a route add 8.8.0.0/16 via 10.9.0.3 table 101
ip -n a route add 9.9.0.0/16 via 10.9.0.4 table 102
ip -n a route add throw 9.9.9.0/24 table 102
ip -n a route get 10.0.0.1; echo "rc=$?"
ip -n a rule add fwmark 0x10 lookup 100
ip -n a rule add from 10.0.0.1 lookup 101
ip -n a rule add iif lo to 7.7.7.0/24 unreachable
ip -n a rule add to 6.6.6.0/24 prohibit
ip -n a rule add to 5.5.5.0/24 blackhole
ip -n a rule add to 9.9.0.0/16 lookup 102
ip -n a rule
ip -n a route get 8.8.8.8; echo "rc=$?"
ip -n a route get 8.8.8.8 mark 0x10; echo "rc=$?"
ip -n a route get 8.8.8.8 mark 16; echo "rc=$?"
ip -n a route get 8.8.8.8 from 10.0.0.1; echo "rc=$?"
ip -n a route get 8.8.4.4 from 10.9.0.1; echo "rc=$?"
ip -n a route get 7.7.7.7; echo "rc=$?"
ip -n a route get 6.6.6.6; echo "rc=$?"
ip -n a route get 5.5.5.5; echo "rc=$?"
ip -n a route get 9.9.1.1; echo "rc=$?"
ip -n a route get 9.9.9.9; echo "rc=$?"
ip -n a route get 10.9.0.1 from 10.0.0.1; echo "rc=$?"
ip -n a route get 10.0.0.1; echo "rc=$?"
ip -n a route get 10.9.0.5 oif d0; echo "rc=$?"
ip -n a rule del fwmark 0x10
ip -n a rule del iif lo
ip -n a rule del to 6.6.6.0/24
ip -n a route get 8.8.8.8 mark 0x10; echo "rc=$?"
ip -n a route get 7.7.7.7; echo "rc=$?"
ip -n a rule del pref 32766
ip -n a route get 1.1.1.1; echo "rc=$?"
ip -n a rule
