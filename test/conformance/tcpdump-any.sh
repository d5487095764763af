# tcpdump -i any on a router: the cooked (SLL2) view names the device and the direction (In/Out), -e adds ifindex and source MAC; loopback frames are shown once, as received, but counted twice by the kernel filter.
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
for l in "a va" "r ra" "r rb" "b vb" "r lo"; do ip -n ${l% *} link set ${l#* } up; done
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
sleep 1
# Each capture gets its own files, emptied before tcpdump starts: a background job's
# redirection truncates only once the job runs, and a stale "listening" would race it.
k=0
cap() {
  k=$((k + 1))
  : > /tmp/tcpdump-any.err$k
  ip netns exec r tcpdump -l "$@" > /tmp/tcpdump-any.out$k 2> /tmp/tcpdump-any.err$k &
  while ! grep -q listening /tmp/tcpdump-any.err$k 2> /dev/null; do sleep 0.05; done
}
show() {
  wait $!
  echo "status $?"
  sed 's/, id [0-9]*,/, id ID,/' /tmp/tcpdump-any.out$k
  cat /tmp/tcpdump-any.err$k
}
cap -i any -n -c 8
ip netns exec a ping -c 1 -W 1 10.0.1.2 > /dev/null
show
cap -i any -n -e -c 4 icmp
ip netns exec a ping -c 1 -W 1 10.0.1.2 > /dev/null
show
cap -i any -n -c 2
ip netns exec r ping -c 1 -W 1 127.0.0.1 > /dev/null
show
cap -i lo -n -c 2
ip netns exec r ping -c 1 -W 1 10.0.1.254 > /dev/null
show
cap -i lo -e -c 2
ip netns exec r ping -c 1 -W 1 127.0.0.1 > /dev/null
show
