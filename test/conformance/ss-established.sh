# An established TCP connection between two namespaces as ss and netstat show it on both ends.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a nc -l 80 >/dev/null &
for i in $(seq 100); do ip netns exec a ss -Htln | grep -q . && break; sleep 0.05; done
# The client's stdin stays open for 2 seconds: the connection stays established meanwhile.
sleep 2 | ip netns exec b nc -N -p 40000 10.0.0.1 80 &
for i in $(seq 100); do ip netns exec b ss -Htn state established | grep -q . && break; sleep 0.05; done
echo "== a ss -tn"; ip netns exec a ss -tn
echo "== a ss -t"; ip netns exec a ss -t
echo "== a ss -tan"; ip netns exec a ss -tan
echo "== b ss -tn"; ip netns exec b ss -tn
echo "== b ss -tno"; ip netns exec b ss -tno
echo "== b ss -n (all tables)"; ip netns exec b ss -n -t -u
echo "== a netstat -tn"; ip netns exec a netstat -tn
echo "== a netstat -tan"; ip netns exec a netstat -tan
echo "== a netstat -ta"; ip netns exec a netstat -ta
echo "== b netstat -tn"; ip netns exec b netstat -tn
echo "== b netstat -t"; ip netns exec b netstat -t
wait
