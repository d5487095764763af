# iptables-restore --noflush of the same kube-proxy-shaped bodies into several namespaces in turn,
# as every node of a cluster does: each namespace's counters are its own, whichever counted first,
# and a namespace whose table differs (one built-in rule more) ends as its own lines make it.
for ns in a b c d; do
  ip netns add $ns
  ip netns exec $ns ip link set lo up
  ip netns exec $ns iptables -N KUBE-SERVICES
  ip netns exec $ns iptables -A OUTPUT -o lo -j KUBE-SERVICES
done
ip netns exec d iptables -A OUTPUT -o lo -p udp -j ACCEPT

full() {
  printf '*filter\n'
  printf ':KUBE-SERVICES - [0:0]\n:KUBE-SVC-A - [0:0]\n:KUBE-SEP-1 - [0:0]\n:KUBE-SEP-OLD - [0:0]\n'
  printf '%s\n' '-A KUBE-SERVICES -p icmp -m comment --comment "ns/a:p" -j KUBE-SVC-A'
  printf '%s\n' '-A KUBE-SVC-A -m comment --comment "ns/a:p -> 1" -j KUBE-SEP-1'
  printf '%s\n' '-A KUBE-SEP-1 -s 127.0.0.1/32 -j ACCEPT' '-A KUBE-SEP-OLD -j RETURN'
  printf 'COMMIT\n'
}
partial() {
  printf '*filter\n'
  printf ':KUBE-SERVICES - [0:0]\n:KUBE-SVC-A - [0:0]\n:KUBE-SEP-2 - [0:0]\n:KUBE-SEP-OLD - [0:0]\n'
  printf '%s\n' '-A KUBE-SERVICES -p icmp -m comment --comment "ns/a:p" -j KUBE-SVC-A'
  printf '%s\n' '-A KUBE-SVC-A -m comment --comment "ns/a:p -> 2" -j KUBE-SEP-2'
  printf '%s\n' '-A KUBE-SVC-A -m comment --comment "ns/a:p -> 1" -j KUBE-SEP-1'
  printf '%s\n' '-A KUBE-SEP-2 -s 127.0.0.2/32 -j ACCEPT'
  printf '%s\n' '-X KUBE-SEP-OLD'
  printf 'COMMIT\n'
}
save() {
  for ns in a b c d; do
    echo "== $ns"
    ip netns exec $ns iptables-save -c | grep -v '^#'
  done
}
restore() {
  $1 | ip netns exec $2 iptables-restore -w 5 -W 100000 --noflush --counters
  echo "$1 in $2: $?"
}
restore full a
ip netns exec a ping -c 1 -W 1 127.0.0.1 > /dev/null
for ns in b c d; do restore full $ns; done
save
restore partial a
ip netns exec a ping -c 1 -W 1 127.0.0.1 > /dev/null
restore partial b
ip netns exec b ping -c 1 -W 1 127.0.0.1 > /dev/null
restore partial c
restore partial d
ip netns exec c ping -c 1 -W 1 127.0.0.1 > /dev/null
save
# The same body again everywhere: the chains it declares start from zero, the others keep their counts.
for ns in c b a d; do restore partial $ns; done
ip netns exec d ping -c 1 -W 1 127.0.0.1 > /dev/null
save
