# conntrack -D with filters (each deleted entry printed in the -o format), -F and -C, and what
# is left after each.
ct() { sed -E 's/^((ipv4 +2 )?[a-z]+ +[0-9]+) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g; s/<id>[0-9]+</<id>ID</; s/<timeout>[0-9]+</<timeout>T</'; }
ip netns add a
A="ip netns exec a"
$A conntrack -I -s 10.1.1.1 -d 10.2.2.2 -p udp -t 50 --sport 1 --dport 53 -m 1 2> /dev/null
$A conntrack -I -s 10.1.1.2 -d 10.2.2.2 -p udp -t 50 --sport 2 --dport 53 -m 2 2> /dev/null
$A conntrack -I -s 10.1.1.3 -d 10.2.2.2 -p icmp -t 50 --icmp-type 8 --icmp-code 0 --icmp-id 3 -m 3 2> /dev/null
$A conntrack -I -s 10.1.1.4 -d 10.2.2.3 -p tcp -t 50 --sport 4 --dport 80 --state TIME_WAIT -u SEEN_REPLY 2> /dev/null
$A conntrack -I -s 10.1.1.5 -d 10.2.2.3 -p tcp -t 50 --sport 5 --dport 80 --state ESTABLISHED -u ASSURED,SEEN_REPLY 2> /dev/null
$A conntrack -C
for args in "-s 10.9.9.9" "-m 2" "-p udp --dport 53 -o extended" "-p tcp --state TIME_WAIT -o xml" "-u ASSURED -o id" "-f ipv6" "-d 10.2.2.2 -o save"; do
  echo "== -D $args"
  $A conntrack -D $args 2>&1 | ct
  $A conntrack -C
done
$A conntrack -I -s 10.1.1.6 -d 10.2.2.2 -p udp -t 50 --sport 6 --dport 53 2> /dev/null
$A conntrack -F
echo "flush $?"
$A conntrack -C
$A conntrack -L
$A conntrack -F
echo "flush empty $?"
$A conntrack -D
echo "delete empty $?"
