# A DROP rule in front of the server: each try waits +timeout seconds and
# ends in "timed out", over UDP and TCP; dig exits 9. The rule counts the
# queries (one per try).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces \
  --host-record=api.example.test,10.0.0.10 2>/dev/null &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 api.example.test >/dev/null 2>&1; do sleep 0.05; done
ip netns exec b iptables -A INPUT -p udp --dport 53 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 53 -j DROP
D="ip netns exec a dig @10.0.0.53"
$D api.example.test +timeout=1 +tries=1; echo "udp $?"
$D api.example.test +timeout=1 +tries=2 +short; echo "udp 2 tries $?"
$D api.example.test +timeout=1 +tries=1 +tcp; echo "tcp $?"
# The TCP rule also sees the SYN retransmitted at 1 s, racing with the 1 s timeout: not shown.
ip netns exec b iptables -L INPUT -v -n -x | grep -v "tcp dpt"
ip netns exec b iptables -D INPUT -p udp --dport 53 -j DROP
$D api.example.test +timeout=1 +tries=1 +short; echo "after $?"
kill %1; wait
