# curl against missing files: the 404 page, -f (exit 22) with and without -S, -w http_code.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done

ip netns exec b python3 -m http.server 8080 --directory curl-www > /tmp/curl-404.out 2> /tmp/curl-404.err &
S=$!
# The server is up once its port accepts: nc -z sends no request, so nothing is logged.
until ip netns exec b nc -z 127.0.0.1 8080; do sleep 0.1; done
ip netns exec a curl -s http://10.0.0.2:8080/nope
echo "404 $?"
ip netns exec a curl -sf http://10.0.0.2:8080/nope
echo "fail silent $?"
ip netns exec a curl -sSf http://10.0.0.2:8080/nope
echo "fail shown $?"
ip netns exec a curl -s -o /dev/null -w "%{http_code}\n" http://10.0.0.2:8080/missing.txt
echo "code $?"
ip netns exec a curl -s -w "[%{http_code}] %{exitcode} %{errormsg}\n" -f -o /dev/null http://10.0.0.2:8080/a/b/
echo "code fail $?"
kill $S
wait $S
echo "server $?"
cat /tmp/curl-404.out
cat /tmp/curl-404.err
