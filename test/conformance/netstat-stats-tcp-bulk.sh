# One 5000-byte write: veth's GSO sends it as one packet, which TCP counts
# as 4 segments (tcp_skb_pcount: OutSegs, TCPOrigDataSent, TCPDelivered).
# The receiver counts one segment, but IpExt's ECN counters count the GSO
# segments (InNoECTPkts 8 for 5 packets), which podpath does not model:
# IpExt is left out on b. TCPRcvCoalesce depends on scheduling (filtered).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec b nc -l -p 8080 > /dev/null &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
printf "%05000d" 0 | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
echo "== a"
ip netns exec a netstat -s -t
echo "== b"
ip netns exec b netstat -s -t | grep -v TCPRcvCoalesce | sed '/^IpExt:/,$d'
