# An established connection reset by b's REJECT --reject-with tcp-reset:
# a counts the RST it receives as a connection reset (EstabResets); b's
# RST comes from netfilter (nf_send_reset), which TCP does not count as
# sent, and b's own socket stays established (CurrEstab).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
# Only the data segment (PSH) is refused: the handshake completes first.
ip netns exec b iptables -A INPUT -p tcp --dport 8080 --tcp-flags PSH PSH -j REJECT --reject-with tcp-reset
ip netns exec b nc -l -p 8080 &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
echo hello | ip netns exec a nc 10.0.0.2 8080
echo "client $?"
echo "== a"
ip netns exec a netstat -s -t
echo "== b"
ip netns exec b netstat -s -t
kill $L
