# curl -w on success: response code, sizes, addresses, content type,
# effective and redirect URLs, connection count and method; -o /dev/null with -s, -m and
# --connect-timeout that do not expire, and -w reading its format from a file.
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/curl-write-out.$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b python3 -m http.server 8080 --directory curl-www > /dev/null 2> $T.err &
S=$!
until ip netns exec b nc -z 127.0.0.1 8080; do sleep 0.1; done
C="ip netns exec a curl -s -o /dev/null"
$C -w '%{http_code}\n' http://10.0.0.2:8080/hello.txt
echo "code $?"
$C -m 5 --connect-timeout 2 -w '%{response_code} %{size_download} %{content_type}\n' http://10.0.0.2:8080/page.html
echo "timeouts $?"
$C -w '%{remote_ip}:%{remote_port} %{local_ip} %{num_connects} %{http_version} %{method} %{scheme}\n' http://10.0.0.2:8080/hello.txt
echo "addresses $?"
$C -w '%{url_effective} %{redirect_url} %{num_redirects}\n' http://10.0.0.2:8080/sub
echo "redirect $?"
$C -I -w '%{http_code} %{size_download}\n' http://10.0.0.2:8080/hello.txt
echo "head $?"
$C -w '%{exitcode} [%{errormsg}] %{size_upload}\n' http://10.0.0.2:8080/missing
echo "404 $?"
printf 'code=%%{http_code}\\ttype=%%{content_type}\\n' > $T.fmt
$C -w @$T.fmt http://10.0.0.2:8080/hello.txt
echo "format file $?"
ip netns exec a curl -s -w '\n%{http_code}\n' http://10.0.0.2:8080/hello.txt
echo "body and code $?"
kill $S
wait $S
echo "server $?"
