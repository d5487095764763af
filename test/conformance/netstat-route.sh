# netstat -r: the main routing table from the FIB, numeric and named, with -e and -ee.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n a link set va up
ip -n b link set vb up
ip -n a link set lo up
ip -n a route add default via 10.0.0.2
ip -n a route add 192.168.5.0/24 via 10.0.0.2 metric 5
ip -n a route add 172.16.0.1 dev va
ip -n a route add unreachable 10.9.0.0/16
ip -n a route add prohibit 10.7.0.0/16
ip -n a route add blackhole 10.8.0.0/16
ip -n a route add 10.10.0.0/16 via 10.0.0.2 table 100
echo "== netstat -rn"; ip netns exec a netstat -rn
echo "== netstat -rne"; ip netns exec a netstat -rne
echo "== netstat -rnee"; ip netns exec a netstat -rnee
echo "== netstat --route --numeric"; ip netns exec a netstat --route --numeric
