# NFQUEUE target: --queue-num, --queue-balance FIRST:LAST (ends optional), --queue-bypass, --queue-cpu-fanout (needs --queue-balance) in any table; -S always names the queue; with no program bound to the queue the packet is dropped, or with --queue-bypass leaves the table as accepted (later rules of the table see nothing, the next table does).
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
x iptables -A INPUT -j NFQUEUE
x iptables -A INPUT -j NFQUEUE --queue-num 65535
x iptables -A INPUT -j NFQUEUE --queue-bypass
x iptables -A INPUT -j NFQUEUE --queue-num 4 --queue-bypass
x iptables -A INPUT -j NFQUEUE --queue-balance 0:1 --queue-cpu-fanout
x iptables -A INPUT -j NFQUEUE --queue-balance 0:1 --queue-cpu-fanout --queue-bypass
x iptables -A INPUT -j NFQUEUE --queue-balance 1:65535
x iptables -A INPUT -j NFQUEUE --queue-balance :3
x iptables -A INPUT -j NFQUEUE --queue-balance 3:
x iptables -t nat -A PREROUTING -j NFQUEUE --queue-num 1
x iptables -t raw -A PREROUTING -j NFQUEUE --queue-num 1
x iptables -t mangle -A POSTROUTING -j NFQUEUE --queue-num 2
x iptables -A INPUT -j NFQUEUE --queue-num 65536
x iptables -A INPUT -j NFQUEUE --queue-num x
x iptables -A INPUT -j NFQUEUE --queue-balance 3:1
x iptables -A INPUT -j NFQUEUE --queue-balance 3:3
x iptables -A INPUT -j NFQUEUE --queue-balance 3
x iptables -A INPUT -j NFQUEUE --queue-balance a:b
x iptables -A INPUT -j NFQUEUE --queue-balance 1:65536
x iptables -A INPUT -j NFQUEUE --queue-balance 1:2:3
x iptables -A INPUT -j NFQUEUE --queue-balance 0:65535
x iptables -A INPUT -j NFQUEUE --queue-num 1 --queue-balance 2:3
x iptables -A INPUT -j NFQUEUE --queue-cpu-fanout
x iptables -A INPUT -j NFQUEUE --queue-bypass --queue-bypass
x iptables -A INPUT -j NFQUEUE ! --queue-num 3
x iptables-save | grep -v '^#'
x iptables -L INPUT
x iptables -L INPUT -n -v
x iptables -j NFQUEUE -h | tail -n 6
x iptables -F
x iptables -t nat -F
x iptables -t raw -F
x iptables -t mangle -F
sleep 1
ip netns exec b iptables -A INPUT -p udp --dport 9 -j NFQUEUE --queue-num 3
ip netns exec b iptables -A INPUT -p udp --dport 10 -j NFQUEUE --queue-num 3 --queue-bypass
ip netns exec b iptables -A INPUT -p icmp -j NFQUEUE --queue-balance 4:7 --queue-bypass
ip netns exec b iptables -A INPUT
ip netns exec b iptables -t security -A INPUT -p udp --dport 9
ip netns exec b iptables -t security -A INPUT -p udp --dport 10
ip netns exec b iptables -t security -A INPUT -p icmp
ip netns exec a ping -c 1 -W 1 10.0.0.2 | grep -c ttl=
for p in 9 10; do echo hi | ip netns exec a nc -u -w 1 -q 0 10.0.0.2 $p; done
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec b iptables -t security -L INPUT -n -v -x
ip netns exec a iptables -A OUTPUT -p udp -j NFQUEUE
echo hi | ip netns exec a nc -u -w 1 -q 0 10.0.0.2 9; echo "status $?"
ip netns exec a iptables -L OUTPUT -n -v -x
