# conntrack -U: the tuple options choose entries, -m/-u/-t change them; each changed entry is
# printed as the GET after the update returns it; an entry left as it was is not counted.
# Without an address or -f the request has no family: the kernel answers EOPNOTSUPP. (Real
# conntrack prints only one of several entries one -U changes, so each -U here changes one.)
ct() { sed -E 's/^((ipv4 +2 )?(icmp|udp|tcp) +(1|17|6)) [0-9]+ /\1 T /'; }
ip netns add a
A="ip netns exec a"
$A conntrack -I -s 10.1.1.1 -d 10.2.2.2 -p icmp -t 50 --icmp-type 8 --icmp-code 0 --icmp-id 7 2>/dev/null
$A conntrack -I -s 10.1.1.1 -d 10.2.2.2 -p udp -t 60 --sport 5000 --dport 53 2>/dev/null
$A conntrack -I -s 10.1.1.9 -d 10.2.2.2 -p tcp -t 70 --sport 5000 --dport 80 --state ESTABLISHED -u SEEN_REPLY 2>/dev/null
for args in "-s 10.1.1.1 -p udp -m 6" "-s 10.1.1.1 -p udp -m 6" "-d 10.2.2.2 -p udp -m 0x10/0xf0" "-r 10.2.2.2 -p icmp -m 0x3/0x0f" \
  "-s 10.1.1.9 -u ASSURED" "-s 10.1.1.9 -u ASSURED" "-s 10.1.1.1 -p udp -t 100" "-q 10.1.1.9 -p tcp --dport 80 -m 9" \
  "-f ipv4 -p icmp -m 1" "-s 10.0.0.0/8 -p icmp -m 2" "-s 10.9.9.9 -m 1" "-m 13" "-p udp -m 4" "-p sctp -m 4" "-U" ""; do
  echo "== -U $args"
  $A conntrack -U $args | ct
  $A conntrack -L > /dev/null 2>&1
done
$A conntrack -U -s 10.1.1.1 -p udp -m 7 > /dev/null 2>&1
echo "status $?"
$A conntrack -U -s 10.1.1.1 -p udp -m 7 > /dev/null 2>&1
echo "status $?"
$A conntrack -L 2>&1 | ct | sort
