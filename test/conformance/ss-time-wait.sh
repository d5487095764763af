# After the client closes first, its end stays in TIME-WAIT for 60 s (ss -o shows the timer).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a nc -l 80 >/dev/null &
for i in $(seq 100); do ip netns exec a ss -Htln | grep -q . && break; sleep 0.05; done
echo hello | ip netns exec b nc -N -p 40000 10.0.0.1 80
wait
sleep 0.2
echo "== b ss -tan"; ip netns exec b ss -tan
echo "== b ss -tano"; ip netns exec b ss -tano
echo "== b ss state time-wait"; ip netns exec b ss -tn state time-wait
echo "== b ss state bucket"; ip netns exec b ss -tn state bucket
echo "== b ss -t (connected: no TIME-WAIT)"; ip netns exec b ss -t
echo "== a ss -tan (server side is gone)"; ip netns exec a ss -tan
echo "== b netstat -tn"; ip netns exec b netstat -tn
echo "== b netstat -tan"; ip netns exec b netstat -tan
echo "== b netstat -tanp"; ip netns exec b netstat -tanp
