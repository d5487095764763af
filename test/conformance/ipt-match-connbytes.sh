# -m connbytes: [!] --connbytes from[:to], --connbytes-dir, --connbytes-mode as iptables 1.8.9 parses,
# lists and saves them, and as the kernel reads a connection's acct counters (pings of 84 bytes):
# adding a connbytes rule turns nf_conntrack_acct on in its namespace, for good.
sysctl net.netfilter.nf_conntrack_acct
iptables -A INPUT -m connbytes --connbytes 10 --connbytes-dir original --connbytes-mode packets
sysctl net.netfilter.nf_conntrack_acct
iptables -A INPUT -m connbytes ! --connbytes 10:20 --connbytes-dir reply --connbytes-mode avgpkt -j DROP
iptables -A INPUT -m connbytes --connbytes :10 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes --connbytes 10: --connbytes-mode bytes --connbytes-dir both
iptables -A INPUT -m connbytes --connbytes 0:0 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes ! --connbytes 5:5 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes ! --connbytes 0 --connbytes-dir both --connbytes-mode packets
iptables -A INPUT -m connbytes --connbytes 0x10:020 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes --connbytes 3:18446744073709551615 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes --connbytes 3:18446744073709551614 --connbytes-dir both --connbytes-mode bytes
iptables -A INPUT -m connbytes --connbytes '' --connbytes-dir both --connbytes-mode bytes
for a in "--connbytes 20:10 --connbytes-dir both --connbytes-mode bytes" \
  "! --connbytes 20:10 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 10" "--connbytes 10 --connbytes-dir both" "--connbytes 10 --connbytes-mode bytes" \
  "--connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 10 --connbytes-dir foo --connbytes-mode bytes" \
  "--connbytes 10 --connbytes-dir both --connbytes-mode foo" \
  "--connbytes-mode foo --connbytes-dir bar" \
  "--connbytes abc --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1:abc --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes -1 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 18446744073709551616 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1:2:3 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1-3 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1 --connbytes 2 --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1 ! --connbytes-dir both --connbytes-mode bytes" \
  "--connbytes 1 --connbytes-dir both ! --connbytes-mode bytes" \
  "--connbytes 1 --connbytes-dir both --connbytes-dir reply --connbytes-mode bytes" \
  "--connbytes 1 --connbytes-dir Both --connbytes-mode bytes" \
  "--connbytes"; do
  iptables -A INPUT -m connbytes $a; echo "rc=$?"
done
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m connbytes -h | tail -4
iptables -D INPUT -m connbytes --connbytes 10 --connbytes-mode packets --connbytes-dir original; echo "rc=$?"
iptables -C INPUT -m connbytes --connbytes 0 --connbytes-dir both --connbytes-mode bytes; echo "rc=$?"
iptables -C INPUT -m connbytes --connbytes 0:18446744073709551615 --connbytes-dir both --connbytes-mode bytes; echo "rc=$?"
iptables -F INPUT
sysctl net.netfilter.nf_conntrack_acct

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b sysctl net.netfilter.nf_conntrack_acct
ip netns exec b iptables -A FORWARD -m connbytes --connbytes 5 --connbytes-dir both --connbytes-mode bytes; echo "rc=$?"
ip netns exec b sysctl net.netfilter.nf_conntrack_acct
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=0
ip netns exec b iptables -A FORWARD -s 10.9.9.9
ip netns exec b sysctl net.netfilter.nf_conntrack_acct
ip netns exec b iptables -A INPUT -p icmp -m connbytes --connbytes 3 --connbytes-dir original --connbytes-mode packets -j DROP
ip netns exec b iptables -A INPUT -p icmp -m connbytes --connbytes 200:260 --connbytes-dir both --connbytes-mode bytes
ip netns exec b iptables -A INPUT -p icmp -m connbytes ! --connbytes 84 --connbytes-dir both --connbytes-mode avgpkt
ip netns exec b iptables -A INPUT -p icmp -m connbytes --connbytes 0 --connbytes-dir reply --connbytes-mode packets
ip netns exec b iptables -A OUTPUT -p icmp -m connbytes --connbytes 2:2 --connbytes-dir reply --connbytes-mode packets
ip netns exec b iptables -A OUTPUT -p icmp -m connbytes --connbytes 168: --connbytes-dir original --connbytes-mode bytes
ip netns exec a ping -c4 -i 0.2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L -n -v -x
ip netns exec b conntrack -L 2>/dev/null | sed 's/ id=[0-9]*//g; s/^icmp *1 [0-9]* /icmp 1 T /'
