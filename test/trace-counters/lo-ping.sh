# A ping to 127.0.0.1: request and reply each leave through OUTPUT and
# POSTROUTING and come back through PREROUTING and INPUT on lo.
ip netns add h1
ip -n h1 link set lo up
S="ip netns exec h1"
for t in raw mangle nat filter; do
  for c in PREROUTING INPUT OUTPUT POSTROUTING; do
    case $t/$c in raw/INPUT|raw/POSTROUTING|filter/PREROUTING|filter/POSTROUTING) continue;; esac
    $S iptables -t $t -A $c -i lo 2>/dev/null || $S iptables -t $t -A $c -o lo
  done
done
$S iptables -A INPUT -p icmp --icmp-type echo-reply
# probe: ip netns exec h1 ping -c1 -W1 127.0.0.1
