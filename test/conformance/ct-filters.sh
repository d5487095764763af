# conntrack -L filters on real flows and entries made with -I: original/reply addresses
# (CIDR too), protocol and its fields, marks under masks, status words (UNREPLIED and !BIT
# narrow the kernel's filter), family, zone, --mask-src, and the NAT filters after a DNAT.
ct() { sed -E 's/^((ipv4 +2 )?[a-z]+ +[0-9]+) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev eth0
for ns in a b r; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A PREROUTING -d 10.0.9.100 -j DNAT --to-destination 10.0.2.2
ip netns exec r iptables -t nat -A POSTROUTING -o rb -s 10.0.1.2 -d 10.0.2.2 -j MASQUERADE
ip netns exec a ping -c 1 10.0.9.100 > /dev/null
ip netns exec a ping -c 1 10.0.2.2 > /dev/null
R="ip netns exec r"
$R conntrack -I -s 10.0.1.7 -d 10.0.2.2 -p udp -t 50 --sport 1000 --dport 53 -m 0x12 -u SEEN_REPLY 2> /dev/null
$R conntrack -I -s 10.0.1.8 -d 10.0.2.2 -p tcp -t 50 --sport 1000 --dport 80 --state ESTABLISHED -m 0x21 -u SEEN_REPLY,ASSURED 2> /dev/null
$R conntrack -I -s 10.0.1.9 -d 10.0.2.2 -p 99 -t 50 -w 3 2> /dev/null
for args in "" "-s 10.0.1.2" "--orig-src 10.0.1.0/24" "-d 10.0.9.100" "--dst 10.0.2.0/24" "-r 10.0.2.2" "--reply-src 10.0.2.9" \
  "-q 10.0.1.2" "--reply-dst 10.0.2.1" "-p icmp" "-p tcp" "-p udp --dport 53" "-p udp --orig-port-src 1000" "-p udp --reply-port-src 53" \
  "-p tcp --state ESTABLISHED" "-p tcp --state SYN_SENT" "-p icmp --icmp-type 8" "-p icmp --icmp-code 1" "-m 0x12" "-m 0x2/0xf" "-m 0x20/0xf0" \
  "-u ASSURED" "-u SEEN_REPLY" "-u UNREPLIED" "-u !SEEN_REPLY" "-u ASSURED,SEEN_REPLY" "-u assured" "-u SEEN" "-f ipv4" "-f ipv6" "-w 3" "-w 0" \
  "-s 10.0.1.2 --mask-src 255.255.0.0" "-s 10.0.1.2 --mask-src 255.255.255.255" "-d 10.0.2.9 --mask-dst 255.255.255.0" "-g" "-n" "-j" \
  "-g 10.0.2.2" "--dst-nat 10.0.9.100" "-n 10.0.2.1" "-j 10.0.2.1" "-n -g" "-p 99" "-p 98"; do
  echo "== -L $args"
  $R conntrack -L $args 2>&1 | ct | sort
done
