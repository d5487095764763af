# curl with nothing listening: connection refused (exit 7) with -s, -sS, -v and -w,
# an unreachable network, an unresolvable name and bad URLs.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a curl -s http://10.0.0.2:8080/
echo "silent $?"
ip netns exec a curl -sS http://10.0.0.2:8080/
echo "show-error $?"
ip netns exec a curl -sv http://10.0.0.2:8080/
echo "verbose $?"
ip netns exec a curl -s -w "%{http_code} [%{remote_ip}] %{size_download} %{exitcode}\n" http://10.0.0.2:8080/
echo "write-out $?"
ip netns exec a curl -sS -o /dev/null -w "%{errormsg}\n" 10.0.0.2:9
echo "no scheme $?"
ip netns exec a curl -sv http://10.9.0.2/
echo "unreachable $?"
ip netns exec a curl -sS http://nosuchhost.invalid/
echo "unresolved $?"
ip netns exec a curl -sS http://10.0.0.2:99999/
echo "bad port $?"
ip netns exec a curl -sS ftpx://10.0.0.2/
echo "bad scheme $?"
ip netns exec a curl --no-such-option
echo "bad option $?"
ip netns exec a curl -m
echo "missing value $?"
ip netns exec a curl -m abc http://10.0.0.2/
echo "bad number $?"
ip netns exec a curl
echo "no url $?"
ip netns exec b iptables -L INPUT -v -n -x
