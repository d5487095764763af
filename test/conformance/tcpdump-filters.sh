# Filter expressions on a recorded trace (ARP, ICMP echo, UDP to a closed port and its ICMP error, a TCP SYN and its RST): host, src/dst, net, port, protocols, and/or/not, parentheses, the shorthand that reuses qualifiers, and compile errors.
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
: > /tmp/tcpdump-filters.err
ip netns exec a tcpdump -i va -c 8 -w /tmp/tcpdump-filters.pcap 2> /tmp/tcpdump-filters.err &
while ! grep -q listening /tmp/tcpdump-filters.err 2> /dev/null; do sleep 0.05; done
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
echo hi | ip netns exec a nc -u -w1 -q0 -p 40000 10.0.0.2 9999
ip netns exec a nc -z -w1 -p 40001 10.0.0.2 80
wait $!
echo "status $?"
# ping's id, the IP ids and the TCP initial sequence number differ from run to run.
r() {
  echo "-- $*"
  tcpdump -r /tmp/tcpdump-filters.pcap -n "$@" 2>&1 | sed 's/, id [0-9]*, seq/, id ID, seq/; s/seq [0-9]\{4,\}/seq ISN/; s/ack [0-9]\{4,\}/ack ISN+1/; s/TS val [0-9]*/TS val TS/'
}
r
r icmp
r arp
r udp
r tcp
r ip
r not ip
r host 10.0.0.2
r src host 10.0.0.2
r dst 10.0.0.2 and not arp
r net 10.0.0.0/24 and icmp
r port 9999
r src port 80 or dst port 9999
r udp port 9999
r tcp dst port 80
r 'icmp and (src 10.0.0.2 or dst 10.0.0.1)'
r '! icmp && ! arp'
r port 80 or 9999
r host 10.0.0.2 and port 40000 or 40001
r src or dst host 10.0.0.1 and tcp
r ether src or dst host ff:ff:ff:ff:ff:ff
r host
r bogus
r host 10.0.0.300
r port 99999
r '(icmp'
r icmp and
r net 10.0.0.1/24
