# -m dscp, -m tos and -m ecn as iptables 1.8.9 parses, lists and saves them, and as the kernel
# matches a ping whose TOS byte mangle OUTPUT set to 0xb9 (DSCP EF, ECN codepoint 1).
iptables -A INPUT -m dscp --dscp 10
iptables -A INPUT -m dscp ! --dscp 0x2e
iptables -A INPUT -m dscp --dscp 077
iptables -A INPUT -m dscp --dscp-class EF
iptables -A INPUT -m dscp ! --dscp-class af41
iptables -A INPUT -m dscp --dscp-class EFX
iptables -A INPUT -m dscp --dscp-class be
iptables -A INPUT -m dscp --dscp 64; echo "rc=$?"
iptables -A INPUT -m dscp --dscp-class LE; echo "rc=$?"
iptables -A INPUT -m dscp; echo "rc=$?"
iptables -A INPUT -m dscp --dscp 1 --dscp-class EF; echo "rc=$?"
iptables -A INPUT -m dscp --dscp 1 --dscp 2; echo "rc=$?"
iptables -A INPUT -m tos --tos 0x10
iptables -A INPUT -m tos ! --tos 0x10/0x3f
iptables -A INPUT -m tos --tos Minimize-Delay
iptables -A INPUT -m tos --tos normal-service
iptables -A INPUT -m tos --tos 8/0xff
iptables -A INPUT -m tos --tos " 5"
iptables -A INPUT -m tos --tos 255/255
for a in 256 -1 foo "" 0x10/0x300 0x10/ 0x10x 0x10/abc; do iptables -A INPUT -m tos --tos "$a"; echo "rc=$? [$a]"; done
iptables -A INPUT -m tos; echo "rc=$?"
iptables -A INPUT -m tos --tos 1 --tos 2; echo "rc=$?"
iptables -A INPUT -m ecn --ecn-ip-ect 1
iptables -A INPUT -m ecn ! --ecn-ip-ect 3
iptables -A INPUT -p tcp -m ecn --ecn-tcp-cwr
iptables -A INPUT -p tcp -m ecn ! --ecn-tcp-ece --ecn-tcp-cwr ! --ecn-ip-ect 0
iptables -A INPUT -m ecn --ecn-tcp-cwr; echo "rc=$?"
iptables -A INPUT ! -p tcp -m ecn --ecn-tcp-ece; echo "rc=$?"
iptables -A INPUT -m ecn --ecn-ip-ect 4; echo "rc=$?"
iptables -A INPUT -m ecn; echo "rc=$?"
iptables -A INPUT -p tcp -m ecn --ecn-tcp-ece --ecn-tcp-ece; echo "rc=$?"
iptables -L INPUT
iptables -L INPUT -n
iptables -S INPUT
iptables -m dscp -h | sed -n '/dscp match/,$p'
iptables -m tos -h | sed -n '/tos match/,$p'
iptables -m ecn -h | sed -n '/ECN match/,$p'
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j TOS --set-tos 0xb9/0xff
for ns in a b; do
  ip netns exec $ns iptables -A INPUT -p icmp -m dscp --dscp-class EF
  ip netns exec $ns iptables -A INPUT -p icmp -m dscp ! --dscp 0x2e
  ip netns exec $ns iptables -A INPUT -p icmp -m tos --tos 0xb8/0xfc
  ip netns exec $ns iptables -A INPUT -p icmp -m tos --tos Minimize-Delay
  ip netns exec $ns iptables -A INPUT -p icmp -m tos ! --tos 0x39/0x3f
  ip netns exec $ns iptables -A INPUT -p icmp -m ecn --ecn-ip-ect 1
  ip netns exec $ns iptables -A INPUT -p icmp -m ecn ! --ecn-ip-ect 1
done
ip netns exec a ping -c2 -i 0.2 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec a iptables -L INPUT -v -n -x

echo "== iptables-restore"
printf '*filter\n-A INPUT -m ttl --ttl-eq 64 -j ACCEPT\n-A INPUT -m dscp --dscp-class EF -m tos --tos 0x10/0x3f\n-A INPUT -p tcp -m ecn ! --ecn-tcp-ece --ecn-ip-ect 2\n-A INPUT -m ttl --ttl-gt 300\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -m ttl --ttl-eq 64 -j ACCEPT\n-A INPUT -m dscp --dscp-class EF -m tos --tos 0x10/0x3f\n-A INPUT -p tcp -m ecn ! --ecn-tcp-ece --ecn-ip-ect 2\n-A FORWARD -m ecn --ecn-tcp-cwr\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -m ttl --ttl-eq 64 -j ACCEPT\n-A INPUT -m dscp --dscp-class EF -m tos --tos 0x10/0x3f\n-A INPUT -p tcp -m ecn ! --ecn-tcp-ece --ecn-ip-ect 2\nCOMMIT\n' | iptables-restore; echo "rc=$?"
iptables-save -t filter | grep -v '^#'
