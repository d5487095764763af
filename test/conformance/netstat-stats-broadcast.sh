# A ping to the subnet's broadcast address: b ignores it
# (icmp_echo_ignore_broadcasts), which icmp_rcv counts as an input error,
# and counts the broadcast packet and octets in IpExt. (Linux also loops
# the broadcast back to the sender, ip_mc_output's copy, which a then
# counts as received: podpath does not model that copy, so a is not shown.)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 brd + dev eth0
ip -n b addr add 10.0.0.2/24 brd + dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec a ping -b -c 1 -W 1 -q 10.0.0.255 > /dev/null 2>&1
echo "ping $?"
ip netns exec b netstat -s -w
