# Where nc -l binds: `nc -l HOST PORT`, -s with -p, and an address that is not ours.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# (runs nc once before `timeout` does: podpath's timeout must not start its clock before nc is loaded)
ip netns exec b nc -l
echo "no port $?"
timeout 0.5 ip netns exec b nc -l -v -n 10.0.0.2 8080
echo "host port $?"
timeout 0.5 ip netns exec b nc -l -v -n 10.0.0.7 8080
echo "not ours $?"
timeout 0.5 ip netns exec b nc -l -v -n -s 10.0.0.2 -p 8080
echo "-s -p $?"
timeout 0.5 ip netns exec b nc -u -l -v -n 10.0.0.7 8080
echo "udp not ours $?"
ip netns exec b nc -l -n -v 127.0.0.1 8080 2> /tmp/nc-listen-args.err &
L=$!
sleep 0.2
ip netns exec a nc -z -v -n 10.0.0.2 8080
echo "bound to lo only $?"
kill $L
wait $L
echo "listener $?"
cat /tmp/nc-listen-args.err
