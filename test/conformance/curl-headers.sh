# curl -I, -i and -v (request and response headers), -X, -d and -H.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b python3 -m http.server 8080 --directory curl-www > /tmp/curl-headers.out 2> /tmp/curl-headers.err &
S=$!
# The server is up once its port accepts: nc -z sends no request, so nothing is logged.
until ip netns exec b nc -z 127.0.0.1 8080; do sleep 0.1; done
ip netns exec a curl -sI http://10.0.0.2:8080/hello.txt
echo "head $?"
ip netns exec a curl -si http://10.0.0.2:8080/hello.txt
echo "include $?"
ip netns exec a curl -sv http://10.0.0.2:8080/page.html 2>&1
echo "verbose $?"
ip netns exec a curl -sv -o /dev/null http://10.0.0.2:8080/nope 2>&1
echo "verbose 404 $?"
ip netns exec a curl -sv -X POST -d "a=1" -d "b=2" -H "X-Lab: yes" -o /dev/null http://10.0.0.2:8080/ 2>&1
echo "post $?"
ip netns exec a curl -sv -H "Host: lab.example" -H "User-Agent:" -H "Accept: text/plain" -o /dev/null http://10.0.0.2:8080/hello.txt 2>&1
echo "custom $?"
ip netns exec a curl -sfv -o /dev/null http://10.0.0.2:8080/nope 2>&1
echo "verbose fail $?"
kill $S
wait $S
echo "server $?"
cat /tmp/curl-headers.out
cat /tmp/curl-headers.err
