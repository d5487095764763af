# -m ttl: --ttl-eq (invertible, alias --ttl), --ttl-lt, --ttl-gt as iptables 1.8.9 parses, lists and saves
# them, and as the kernel matches pings sent with ping -t.
iptables -A INPUT -m ttl --ttl-eq 64
iptables -A INPUT -m ttl ! --ttl-eq 63 -j ACCEPT
iptables -A INPUT -m ttl --ttl-gt 10 -j DROP
iptables -A INPUT -m ttl --ttl-lt 0x20
iptables -A INPUT -m ttl --ttl 7
iptables -A INPUT -m ttl ! --ttl 5
iptables -A INPUT -m ttl --ttl-lt 010
iptables -A INPUT -m ttl --ttl-eq 5 -m ttl --ttl-gt 3
iptables -A INPUT -m ttl ! --ttl-lt 5; echo "rc=$?"
iptables -A INPUT -m ttl ! --ttl-gt 5; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq 256; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq -1; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq abc; echo "rc=$?"
iptables -A INPUT -m ttl; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq 5 --ttl-lt 3; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-gt 5 --ttl-lt 3; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq 5 --ttl-eq 3; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq 5 --ttl 3; echo "rc=$?"
iptables -A INPUT -m ttl --ttl-eq; echo "rc=$?"
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m ttl -h | tail -4
iptables -D INPUT -m ttl --ttl-eq 64; echo "rc=$?"
iptables -C INPUT -m ttl --ttl-gt 10 -j DROP; echo "rc=$?"
iptables -C INPUT -m ttl --ttl-gt 11 -j DROP; echo "rc=$?"
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-eq 64
ip netns exec b iptables -A INPUT -p icmp -m ttl ! --ttl-eq 64
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-lt 10
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-gt 9
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-lt 3 -j DROP
ip netns exec a iptables -A INPUT -p icmp -m ttl --ttl-eq 64
ip netns exec a ping -c1 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c1 -t 9 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c1 -t 10 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c1 -t 2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a iptables -L INPUT -n -v -x
