# conntrack -I and -A: entries made from user space (any protocol), their errors (exists, an
# ICMP type without an answer, missing tuple parts), -o save, zones, and a -u after -m that
# overwrites the mark (a conntrack 1.4.7 quirk).
ct() { sed -E 's/^((ipv4 +2 )?[a-z]+ +[0-9]+) [0-9]+ /\1 T /; s/-t [0-9]+ /-t T /'; }
ip netns add a
A="ip netns exec a"
for args in "-s 1.1.1.1 -d 2.2.2.2 -p udp -t 50 --sport 5 --dport 6" "-s 1.1.1.1 -d 2.2.2.2 -p udp -t 50 --sport 5 --dport 6" \
  "-s 2.2.2.2 -d 1.1.1.1 -p udp -t 50 --sport 6 --dport 5" "-s 1.1.1.2 -d 2.2.2.2 -p icmp -t 40 --icmp-type 8 --icmp-code 0 --icmp-id 3 -u SEEN_REPLY" \
  "-s 1.1.1.2 -d 2.2.2.2 -p icmp -t 40 --icmp-type 3 --icmp-code 1" "-s 1.1.1.2 -d 2.2.2.2 -p icmp -t 40 --icmp-type 13 --icmp-code 0 -m 7" \
  "-s 1.1.1.3 -d 2.2.2.2 -p tcp -t 300 --sport 1000 --dport 80 --state ESTABLISHED -u SEEN_REPLY,ASSURED" \
  "-s 1.1.1.3 -d 2.2.2.2 -p tcp -t 300 --sport 1001 --dport 80 --state syn_sent" "-s 1.1.1.3 -d 2.2.2.2 -p tcp -t 300 --sport 1002 --dport 80" \
  "-s 1.1.1.4 -d 2.2.2.2 -p 47 -t 20" "-s 1.1.1.4 -d 2.2.2.2 -p 99 -t 20 -m 9 -u ASSURED" "-s 1.1.1.4 -d 2.2.2.2 -p 98 -t 20 -w 5" \
  "-s 1.1.1.5 -d 2.2.2.2 -p udp --sport 1 --dport 2" "-s 1.1.1.5 -p udp -t 5 --sport 1 --dport 2" "-p udp -t 5" "-s 1.1.1.5 -d 2.2.2.2 -t 5"; do
  echo "== -I $args"
  $A conntrack -I $args
  echo "status $?"
done
echo "== -A"
$A conntrack -A -s 1.1.1.6 -d 2.2.2.2 -p udp -t 30 --sport 7 --dport 8; echo "status $?"
$A conntrack -A -s 1.1.1.6 -d 2.2.2.2 -p udp -t 90 --sport 7 --dport 8 -m 4; echo "status $?"
$A conntrack -L 2>&1 | ct | sort
$A conntrack -L -o save 2>&1 | ct | sort
$A conntrack -L -w 5
$A conntrack -C
