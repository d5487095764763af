# ip route get: local, broadcast, on-link, via a gateway, error route types, from/oif/mark, bad arguments.
ip netns add a
ip netns add b
ip link add d0 netns a type veth peer name p0 netns b
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a addr add 192.168.5.1/30 dev v0
ip -n a link set d0 up
ip -n b link set p0 up
ip -n a link set lo up
ip -n a link set v0 up
ip -n a route add 10.0.0.0/8 via 10.0.0.3
ip -n a route add 172.16.0.0/16 via 10.0.0.2
ip -n a route add 172.17.0.0/16 dev d0 src 192.168.5.1
ip -n a route add blackhole 1.2.3.0/24
ip -n a route add unreachable 1.2.4.0/24
ip -n a route add prohibit 1.2.5.0/24
ip -n a route add throw 1.2.6.0/24
for d in 10.0.0.1 10.0.0.7 172.16.3.4 172.17.0.1 127.0.0.1 127.1.2.3 10.0.0.255 192.168.5.3 192.168.5.1 1.2.3.4 1.2.4.4 1.2.5.5 1.2.6.6 8.8.8.8 255.255.255.255 0.0.0.0 10.5.0.1; do
  echo "== $d"
  ip -n a route get $d
  echo "rc=$?"
done
ip -n a route get 172.16.3.4 from 192.168.5.1; echo "rc=$?"
ip -n a route get 172.16.3.4 from 192.168.9.1; echo "rc=$?"
ip -n a route get 8.8.8.8 oif v0; echo "rc=$?"
ip -n a route get 172.16.3.4 oif v0; echo "rc=$?"
ip -n a route get to 172.16.3.4 mark 7; echo "rc=$?"
ip -n a route get 172.16.3.4 mark 0x20; echo "rc=$?"
ip -n a route get foo; echo "rc=$?"
ip -n a route get 1.2.3.4 bar; echo "rc=$?"
ip -n a route get 1.2.3.4 oif nope; echo "rc=$?"
ip -n a route get; echo "rc=$?"
ip -n a route get 10.0.0.0/24; echo "rc=$?"
ip -n a route get 1.2.3.4 from foo; echo "rc=$?"
ip -n a route get 1.2.3.4 mark x; echo "rc=$?"
ip -n a -4 route get foo; echo "rc=$?"
ip netns exec a ip route get 172.16.3.4; echo "rc=$?"
