# UDP flows in conntrack as nc makes them: a datagram nobody answers stays
# [UNREPLIED] (dropped, or refused with an ICMP port unreachable, which is
# RELATED and no reply); an answered one loses the flag; traffic both ways
# still flowing after two seconds makes the flow a stream: [ASSURED] and the
# 120 s timeout instead of 30 s.
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/udp-nc-conntrack.$RANDOM
ct() { sed -E 's/^(udp +17) ([0-9]+) /\1 \2 /' | awk '{ $3 = ($3 > 30 ? "stream" : "short"); print }' | sort; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p udp --dport 9001 -j DROP
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED,RELATED
ip netns exec a iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED,RELATED
echo pong | ip netns exec b nc -u -l -p 9000 > $T.out &
L=$!
sleep 0.2
echo lost | ip netns exec a nc -u -q0 -p 4001 10.0.0.2 9001
echo "dropped $?"
echo refused | ip netns exec a nc -u -q0 -p 4002 10.0.0.2 9002
echo "refused $?"
echo once | ip netns exec a nc -u -w1 -p 4003 10.0.0.2 9003
echo "refused, read $?"
{ echo ping; sleep 2.2; echo again; } | ip netns exec a nc -u -q0 -p 4000 10.0.0.2 9000
echo "stream $?"
kill $L
wait $L
echo "listener $?"
cat $T.out
echo "== a"
ip netns exec a conntrack -L 2>&1 | ct
echo "== b"
ip netns exec b conntrack -L 2>&1 | ct
ip netns exec a iptables -L INPUT -v -n -x
ip netns exec b iptables -L INPUT -v -n -x
