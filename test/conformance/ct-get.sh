# conntrack -G: one entry by its original tuple (held while read: use=2), the errors for a
# tuple that is missing or incomplete, and a lookup by the reply tuple, which the kernel
# finds but conntrack then filters out.
ct() { sed -E 's/^((ipv4 +2 )?(icmp|udp) +(1|17)) [0-9]+ /\1 T /; s/ id=[0-9]+$/ id=ID/; s/<id>[0-9]+</<id>ID</; s/<timeout>[0-9]+</<timeout>T</'; }
ip netns add a
ip netns exec a conntrack -I -s 10.1.1.1 -d 10.2.2.2 -p icmp -t 50 --icmp-type 8 --icmp-code 0 --icmp-id 7
ip netns exec a conntrack -I -s 10.1.1.1 -d 10.2.2.2 -p udp -t 60 --sport 5000 --dport 53 -u SEEN_REPLY
for args in "-p icmp --icmp-type 8 --icmp-code 0 --icmp-id 7" "-p icmp --icmp-type 8 --icmp-code 0" \
  "-p udp --sport 5000 --dport 53" "-p udp --sport 5000 --dport 53 -o xml" "-p udp --sport 5000 --dport 53 -o extended,id" \
  "-p udp --sport 5001 --dport 53" "-p udp --sport 5000" "-p udp" "-p icmp --icmp-type 8" "-p icmp --icmp-code 0" \
  "-p udp --sport 5000 --dport 53 -m 1" "-p udp --sport 5000 --dport 53 -u ASSURED" "-p tcp --sport 5000 --dport 53"; do
  echo "== -G -s 10.1.1.1 -d 10.2.2.2 $args"
  ip netns exec a conntrack -G -s 10.1.1.1 -d 10.2.2.2 $args 2>&1 | ct
done
for args in "-G" "-G -p udp" "-G -s 10.1.1.1 -p udp" "-G -s 10.2.2.2 -d 10.1.1.1 -p udp --sport 53 --dport 5000" "-G -s 10.1.1.0/24 -d 10.2.2.2 -p udp --sport 5000 --dport 53"; do
  echo "== $args"
  ip netns exec a conntrack $args 2>&1 | ct
  ip netns exec a conntrack $args > /dev/null 2>&1
  echo "status $?"
done
