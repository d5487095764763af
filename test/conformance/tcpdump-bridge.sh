# tcpdump -i any in a namespace with a bridge: a flooded ARP request is seen coming in on one port, going out of the other and passed up to the bridge device (B), unicast frames only on the two ports; -i br0 sees only what reaches the bridge device itself.
for n in a b s; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n s link add br0 type bridge
ip link add va netns a type veth peer name pa netns s
ip link add vb netns b type veth peer name pb netns s
ip -n s link set pa master br0
ip -n s link set pb master br0
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n s addr add 10.0.0.254/24 dev br0
for l in "a va" "b vb" "s pa" "s pb" "s br0"; do ip -n ${l% *} link set ${l#* } up; done
sleep 1
# Each capture gets its own files, emptied before tcpdump starts: a background job's
# redirection truncates only once the job runs, and a stale "listening" would race it.
k=0
cap() {
  k=$((k + 1))
  : > /tmp/tcpdump-bridge.err$k
  ip netns exec s tcpdump -l "$@" > /tmp/tcpdump-bridge.out$k 2> /tmp/tcpdump-bridge.err$k &
  while ! grep -q listening /tmp/tcpdump-bridge.err$k 2> /dev/null; do sleep 0.05; done
}
show() {
  wait $!
  echo "status $?"
  sed 's/, id [0-9]*, seq/, id ID, seq/' /tmp/tcpdump-bridge.out$k
  cat /tmp/tcpdump-bridge.err$k
}
cap -i any -n -c 9
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
show
cap -i br0 -n -e -c 4
ip netns exec b ping -c 1 -W 1 10.0.0.254 > /dev/null
show
cap -i pb -n -c 2 icmp
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
show
