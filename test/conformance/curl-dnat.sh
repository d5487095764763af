# curl to port 80 of a DNAT rule reaching python3 -m http.server on 8080:
# the server logs the client's address, the nat rule counts the connection once.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
ip netns exec b python3 -m http.server 8080 --bind 10.0.0.2 --directory curl-www > /tmp/curl-dnat.out 2> /tmp/curl-dnat.err &
S=$!
until ip netns exec b nc -z 10.0.0.2 8080; do sleep 0.1; done
ip netns exec a curl -sS http://10.0.0.2/hello.txt
echo "dnat $?"
ip netns exec a curl -s -o /dev/null -w "%{http_code} %{remote_ip}:%{remote_port}\n" http://10.0.0.2/sub/
echo "write-out $?"
ip netns exec a curl -sS -m 1 http://10.0.0.2:81/
echo "no rule $?"
kill $S
wait $S
echo "server $?"
cat /tmp/curl-dnat.out
cat /tmp/curl-dnat.err
ip netns exec b iptables -t nat -L PREROUTING -v -n -x
