# curl turns TCP keepalive on (60 s idle and interval by default), --keepalive-time
# changes both and --no-keepalive leaves it off: the keepalive timer shows in `ss -o`.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
sleep 1
# Servers that accept and never answer, so each connection stays established.
for port in 8001 8002 8003; do
  ip netns exec b nc -l 10.0.0.2 $port > /dev/null &
done
sleep 0.2
ip netns exec a curl -s -m 1 http://10.0.0.2:8001/ &
ip netns exec a curl -s -m 1 --keepalive-time 20 http://10.0.0.2:8002/ &
ip netns exec a curl -s -m 1 --no-keepalive http://10.0.0.2:8003/ &
sleep 0.3
for port in 8001 8002 8003; do
  echo "port $port: $(ip netns exec a ss -tnoH state established dport = :$port | grep -o 'timer:([^)]*)' || echo 'no timer')"
done
wait %4 %5 %6
echo "curl exits: $?"
ip netns exec a curl -s -m 1 --keepalive-time x http://10.0.0.2:8001/
echo "bad value: $?"
