# NFLOG target (non-terminating, any table): --nflog-group/-prefix/-size/-threshold as iptables-nft keeps them (an nft log: prefix cut at 127 characters, --nflog-range warned about and dropped, a zero threshold not shown); without a listener only the counters show the packets, which go on to the next rule.
for n in a b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
x() { ip netns exec a "$@"; echo "status $?"; }
x iptables -A INPUT -j NFLOG
x iptables -A INPUT -j NFLOG --nflog-group 65535
x iptables -A INPUT -j NFLOG --nflog-prefix "hello world"
x iptables -A INPUT -j NFLOG --nflog-prefix 'a"b'
x iptables -A INPUT -j NFLOG --nflog-prefix 012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789
x iptables -A INPUT -j NFLOG --nflog-range 100
x iptables -A INPUT -j NFLOG --nflog-size 0
x iptables -A INPUT -j NFLOG --nflog-size 4294967295
x iptables -A INPUT -j NFLOG --nflog-threshold 0
x iptables -A INPUT -j NFLOG --nflog-threshold 1
x iptables -A INPUT -j NFLOG --nflog-threshold 65535 --nflog-size 64 --nflog-prefix p --nflog-group 2
x iptables -t nat -A PREROUTING -j NFLOG
x iptables -t raw -A PREROUTING -j NFLOG --nflog-group 3
x iptables -t mangle -A PREROUTING -j NFLOG --nflog-group 3
x iptables -A INPUT -j NFLOG --nflog-group 65536
x iptables -A INPUT -j NFLOG --nflog-group x
x iptables -A INPUT -j NFLOG --nflog-prefix ""
x iptables -A INPUT -j NFLOG --nflog-range 100 --nflog-size 200
x iptables -A INPUT -j NFLOG --nflog-size 4294967296
x iptables -A INPUT -j NFLOG --nflog-threshold 65536
x iptables -A INPUT -j NFLOG --nflog-range x
x iptables -A INPUT -j NFLOG --nflog-group 1 --nflog-group 2
x iptables -A INPUT -j NFLOG ! --nflog-group 1
x iptables-save | grep -v '^#'
x iptables -L INPUT
x iptables -L INPUT -n -v
x iptables -j NFLOG -h | tail -n 6
x iptables -F
x iptables -t nat -F
x iptables -t raw -F
x iptables -t mangle -F
sleep 1
ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-group 5 --nflog-prefix "ping in"
ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-group 6
ip netns exec b iptables -A INPUT -p icmp
ip netns exec b iptables -A OUTPUT -p icmp -j NFLOG
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -c ttl=
ip netns exec b iptables -L -n -v -x
# iptables-restore warns of --nflog-range as iptables does, and drops it.
printf '*filter\n-A FORWARD -j NFLOG --nflog-range 10 --nflog-group 3\nCOMMIT\n' | iptables-restore --noflush; echo "restore: $?"
iptables -S FORWARD
