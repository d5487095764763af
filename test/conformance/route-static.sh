# Static routes: via/dev/metric/src/proto/scope/onlink, error route types, tables, and show selectors.
ip netns add a
ip -n a link add d0 type veth peer name p0
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev d0
ip -n a addr add 10.0.0.5/24 dev d0
ip -n a addr add 192.168.5.1/30 dev v0
ip -n a link set d0 up
ip -n a link set p0 up
ip -n a link set v0 up
ip -n a link set lo up
ip -n a route add 172.16.0.0/16 via 10.0.0.2
ip -n a route add 172.17.0.0/16 via 10.0.0.2 metric 10 src 10.0.0.5 proto static
ip -n a route add 172.18.0.0/16 dev d0 scope link
ip -n a route add 172.20.0.0/16 dev d0 proto 99 table 100
ip -n a route add 172.21.0.0/16 dev d0 proto dhcp scope host table 7
ip -n a route add 172.22.0.0/16 dev d0 table default
ip -n a route add blackhole 1.2.3.0/24
ip -n a route add unreachable 1.2.4.0/24 metric 5
ip -n a route add prohibit 1.2.5.0/24
ip -n a route add throw 1.2.6.0/24
ip -n a route add 172.19.0.0/16 via 192.168.5.2
ip -n a route add default via 10.0.0.254
ip -n a route add 9.9.9.9 via 10.0.0.254 dev d0 onlink
ip -n a route add 9.9.9.8 via 10.9.0.254 dev d0 onlink
ip -n a route add 50.0.0.0/8 dev d0 metric 1 proto 3 scope 200
ip -n a route add 51.0.0.0/8 dev d0 proto 16
ip -n a route add 52.0.0.0/8 dev d0 proto 42
ip -n a route add 53.0.0.0/8 dev d0 proto 186
ip -n a route add 54.0.0.0/8 dev d0 proto 250
ip -n a route add 55.0.0.0/8 dev d0 scope 7
ip -n a route add 56.0.0.0/8 dev d0 preference 8
ip -n a route add 57.0.0.0/8 dev d0 priority 9 src 10.0.0.1
ip -n a route add local 58.0.0.0/8 dev d0
ip -n a route add 59.0.0.0/8 dev d0 table 0
ip -n a route add 10/8 via 10.0.0.3
echo "--- main"
ip -n a route
echo "--- all"
ip -n a -4 route show table all
echo "--- selectors"
ip -n a route show table 100
ip -n a route list table default
ip -n a route show table 7
ip -n a route show default
ip -n a route show 10.0.0.0/8
ip -n a route show root 10.0.0.0/8
ip -n a route show match 10.0.0.1
ip -n a route show exact 10.0.0.0/24
ip -n a route show via 10.0.0.2
ip -n a route show proto kernel
ip -n a route show proto static
ip -n a route show scope link
ip -n a route show dev v0
ip -n a route show src 10.0.0.5
ip -n a route show metric 5
ip -n a route show type unreachable
ip -n a route show table local type local
ip -n a -4 route show table all type broadcast
ip -n a -d route show table 100
ip -n a route show table 555
echo "rc=$?"
