# curl against a DROP rule: -m and --connect-timeout end the connect with exit 28;
# the rule counts one SYN per attempt (curl gives up at 0.5 s, well before the 1 s SYN retransmission).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8080 -j DROP
ip netns exec a curl -sS -m 0.5 http://10.0.0.2:8080/
echo "max-time $?"
ip netns exec a curl -sS --connect-timeout 0.5 http://10.0.0.2:8080/
echo "connect-timeout $?"
ip netns exec a curl -s -m 0.5 -w "%{http_code} %{exitcode}\n" http://10.0.0.2:8080/
echo "write-out $?"
ip netns exec b iptables -L INPUT -v -n -x
