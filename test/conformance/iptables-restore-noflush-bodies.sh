# iptables-restore --noflush of bodies shaped like kube-proxy's syncs (user chains declared, filled,
# some deleted), written to the pipe a piece at a time, into two namespaces whose tables differ:
# the same body may succeed in one and fail in the other, with its own message and line.
ip netns add a
ip netns add b
for ns in a b; do
  ip netns exec $ns ip link set lo up
  ip netns exec $ns iptables -N KUBE-OLD
  ip netns exec $ns iptables -N KUBE-SVC
  ip netns exec $ns iptables -A OUTPUT -o lo -p icmp -j KUBE-SVC
done
ip netns exec b iptables -A INPUT -j KUBE-OLD
ip netns exec a iptables -N KUBE-MARK

services() {
  printf '*filter\n'
  printf ':KUBE-SVC - [0:0]\n:KUBE-SEP-1 - [0:0]\n:KUBE-SEP-2 - [0:0]\n'
  printf '%s\n' '-A KUBE-SVC -p tcp -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-1' '-A KUBE-SVC -j KUBE-SEP-2'
  printf '%s\n' '-A KUBE-SEP-1 -s 10.0.0.1/32 -j ACCEPT' '-A KUBE-SEP-2 -m comment --comment "ns/svc:p" -j RETURN'
  printf 'COMMIT\n'
}
stale() {
  printf '*filter\n'
  printf ':KUBE-SEP-3 - [0:0]\n:KUBE-OLD - [0:0]\n'
  printf '%s\n' '-A KUBE-SEP-3 -s 10.0.0.3/32 -j ACCEPT'
  printf '%s\n' '-X KUBE-OLD'
  printf 'COMMIT\n'
}
marking() {
  printf '*filter\n'
  printf ':KUBE-SEP-4 - [0:0]\n'
  printf '%s\n' '-A KUBE-SEP-4 -s 10.0.0.4/32 -j KUBE-MARK'
  printf 'COMMIT\n'
}
for body in services stale marking; do
  for ns in a b; do
    $body | ip netns exec $ns iptables-restore -w 5 -W 100000 --noflush --counters
    echo "$body in $ns: $?"
    ip netns exec $ns iptables-save -c | grep -v '^#'
  done
done
# Traffic counted, then the same body again: its rules are made anew, their counters with them.
ip netns exec a ping -c 2 -i 0.2 -W 1 127.0.0.1 > /dev/null
ip netns exec a iptables -L KUBE-SVC -n -v -x
services | ip netns exec a iptables-restore --noflush
echo "again: $?"
ip netns exec a iptables -L KUBE-SVC -n -v -x
ip netns exec a iptables -L OUTPUT -n -v -x
