# A TCP connection to a listener (nc -z): SYN, SYN-ACK, ACK, then the
# client's FIN and its (delayed) ACK, sorted by --tcp-flags rules on both hosts.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for ns in h1 h2; do
  S="ip netns exec $ns"
  for c in INPUT OUTPUT; do
    $S iptables -A $c -p tcp --syn
    $S iptables -A $c -p tcp --tcp-flags SYN,ACK SYN,ACK
    $S iptables -A $c -p tcp --tcp-flags FIN FIN
    $S iptables -A $c -p tcp --tcp-flags SYN,FIN,RST,ACK ACK
    $S iptables -A $c -p tcp
  done
done
# A listener kept busy by a first connection that stays open: the probe's
# connection then waits in the accept queue and only the kernel answers it
# (when a listener closes after the client's FIN races the delayed ACK on real Linux).
sleep 5 | ip netns exec h2 nc -l -p 8080 >/dev/null &
sleep 0.2
sleep 5 | ip netns exec h1 nc 10.0.0.2 8080 >/dev/null &
sleep 0.2
# probe: ip netns exec h1 nc -z -w1 10.0.0.2 8080
