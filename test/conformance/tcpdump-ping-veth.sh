# tcpdump on one end of a veth: ARP then ICMP echo, the stderr banner and the statistics; -e adds the Ethernet header; -q; a signal ends a capture with a newline and the counts.
for n in a b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
sleep 1
# Starts tcpdump in namespace a in the background and waits until it listens (it needs a moment on Linux).
# Each capture gets its own files, emptied before tcpdump starts: a background job's
# redirection truncates only once the job runs, and a stale "listening" would race it.
k=0
cap() {
  k=$((k + 1))
  : > /tmp/tcpdump-ping-veth.err$k
  ip netns exec a tcpdump -l "$@" > /tmp/tcpdump-ping-veth.out$k 2> /tmp/tcpdump-ping-veth.err$k &
  while ! grep -q listening /tmp/tcpdump-ping-veth.err$k 2> /dev/null; do sleep 0.05; done
}
# ping's echo id differs from run to run.
show() {
  wait $!
  echo "status $?"
  sed 's/, id [0-9]*,/, id ID,/' /tmp/tcpdump-ping-veth.out$k
  cat /tmp/tcpdump-ping-veth.err$k
}
cap -i va -n -c 4
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
show
cap -i va -nn -e -c 2
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
show
cap -i va -n -q -c 1 icmp
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
show
cap -i va -n
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
kill $!
show
