# tcpdump sees the ICMP errors a router sends back: time exceeded, host unreachable (after ARP fails), port unreachable from the far host (UDP, and REJECTed ICMP and UDP); -v prints the IP header and the quoted datagram.
for n in a r b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.0.0.1/24 dev va
ip -n r addr add 10.0.0.254/24 dev ra
ip -n r addr add 10.0.1.254/24 dev rb
ip -n b addr add 10.0.1.2/24 dev vb
for l in "a va" "r ra" "r rb" "b vb"; do ip -n ${l% *} link set ${l#* } up; done
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
sleep 1
# Each capture gets its own files, emptied before tcpdump starts: a background job's
# redirection truncates only once the job runs, and a stale "listening" would race it.
k=0
cap() {
  k=$((k + 1))
  : > /tmp/tcpdump-icmp-errors.err$k
  ip netns exec a tcpdump -l "$@" > /tmp/tcpdump-icmp-errors.out$k 2> /tmp/tcpdump-icmp-errors.err$k &
  while ! grep -q listening /tmp/tcpdump-icmp-errors.err$k 2> /dev/null; do sleep 0.05; done
}
show() {
  wait $!
  echo "status $?"
  sed 's/, id [0-9]*, seq/, id ID, seq/; s/, id [0-9]*, offset/, id IPID, offset/; s/protocol 1 port [0-9]*/protocol 1 port N/' /tmp/tcpdump-icmp-errors.out$k
  cat /tmp/tcpdump-icmp-errors.err$k
}
cap -i va -n -c 6
ip netns exec a ping -c 1 -W 1 -t 1 10.0.1.2 > /dev/null
ip netns exec a ping -c 1 -W 1 10.0.1.9 > /dev/null
show
cap -i va -n -v -c 4 icmp or udp
ip netns exec a ping -c 1 -W 1 -t 1 10.0.1.2 > /dev/null
echo hi | ip netns exec a nc -u -w1 -q0 -p 40000 10.0.1.2 9999
show
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT
ip netns exec b iptables -A INPUT -p udp -j REJECT --reject-with icmp-admin-prohibited
cap -i va -n -c 2 icmp
ip netns exec a ping -c 1 -W 1 10.0.1.2 > /dev/null
show
