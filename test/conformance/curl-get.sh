# curl GETs a file and directory listings from python3 -m http.server (a fixture directory).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done

ip netns exec b python3 -m http.server 8080 --directory curl-www > /tmp/curl-get.out 2> /tmp/curl-get.err &
S=$!
# The server is up once its port accepts: nc -z sends no request, so nothing is logged.
until ip netns exec b nc -z 127.0.0.1 8080; do sleep 0.1; done
ip netns exec a curl -s http://10.0.0.2:8080/hello.txt
echo "file $?"
ip netns exec a curl -sS http://10.0.0.2:8080/
echo "listing $?"
ip netns exec a curl -sS http://10.0.0.2:8080/sub/
echo "sub $?"
ip netns exec a curl -si http://10.0.0.2:8080/sub
echo "redirect $?"
ip netns exec a curl -s -o /tmp/curl-get.body http://10.0.0.2:8080/page.html
echo "output $?"
cat /tmp/curl-get.body
ip netns exec a curl -s -w "%{http_code} %{size_download} %{remote_ip} %{remote_port} %{content_type}\n" -o /dev/null http://10.0.0.2:8080/hello.txt
echo "write-out $?"
kill $S
wait $S
echo "server $?"
cat /tmp/curl-get.out
cat /tmp/curl-get.err
