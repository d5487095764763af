# tcpdump -w writes a pcap file and -r reads it back: the same lines, filters applied on reading, -c, -e and -v from the file, a cooked (-i any) file, and the file errors.
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
# The error files are emptied first: a stale "listening" from an earlier run would race tcpdump.
: > /tmp/tcpdump-pcap.err1
: > /tmp/tcpdump-pcap.err2
ip netns exec a tcpdump -i va -c 4 -w /tmp/tcpdump-pcap.ping.pcap 2> /tmp/tcpdump-pcap.err1 &
while ! grep -q listening /tmp/tcpdump-pcap.err1 2> /dev/null; do sleep 0.05; done
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
wait $!
echo "status $?"
cat /tmp/tcpdump-pcap.err1
ip netns exec b tcpdump -i any -c 4 -w /tmp/tcpdump-pcap.any.pcap 2> /tmp/tcpdump-pcap.err2 &
while ! grep -q listening /tmp/tcpdump-pcap.err2 2> /dev/null; do sleep 0.05; done
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 > /dev/null
wait $!
echo "status $?"
cat /tmp/tcpdump-pcap.err2
# ping's echo id and the IP id differ from run to run.
ids() { sed 's/, id [0-9]*, seq/, id ID, seq/; s/, id [0-9]*, offset/, id IPID, offset/'; }
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -n 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -n -c 2 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -nn -e icmp 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -n -v 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -n arp and src host 10.0.0.2 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.ping.pcap -n 'dst 10.0.0.1' 2>&1 | ids
echo "-- in b"
ip netns exec b tcpdump -r /tmp/tcpdump-pcap.any.pcap -n 2>&1 | ids
ip netns exec b tcpdump -r /tmp/tcpdump-pcap.any.pcap -n -e 2>&1 | ids
echo "-- in the initial namespace (no such ifindex)"
tcpdump -r /tmp/tcpdump-pcap.any.pcap -n -q 'src 10.0.0.2' 2>&1 | ids
tcpdump -r /tmp/tcpdump-pcap.nosuch.pcap
echo "status $?"
