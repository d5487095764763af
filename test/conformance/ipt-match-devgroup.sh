# -m devgroup: [!] --src-group / [!] --dst-group value[/mask] (or the name `default`) as iptables
# 1.8.9 parses, lists and saves them, the hooks each side may be used at, and how the kernel matches
# the groups set with `ip link set dev X group N`.
iptables -A FORWARD -m devgroup --src-group 1
iptables -A FORWARD -m devgroup ! --src-group 0x10/0xf0 -j DROP
iptables -A FORWARD -m devgroup --dst-group 3
iptables -A FORWARD -m devgroup --src-group 0
iptables -A FORWARD -m devgroup --src-group default ! --dst-group 7
iptables -A FORWARD -m devgroup --src-group 4294967295
iptables -A FORWARD -m devgroup --src-group 010
iptables -A FORWARD -m devgroup --src-group 1/0
for a in "--src-group default/0xff" "--src-group 4294967296" "--src-group abc" "--src-group 1/abc" \
  "--src-group 1/2x" "--src-group -1" "" "--src-group 1 --src-group 2" "--src-group ''" "--src-group"; do
  eval iptables -A FORWARD -m devgroup $a; echo "rc=$?"
done
iptables -A OUTPUT -m devgroup --src-group 1; echo "rc=$?"
iptables -t mangle -A POSTROUTING -m devgroup --src-group 1; echo "rc=$?"
iptables -t mangle -A PREROUTING -m devgroup --dst-group 1; echo "rc=$?"
iptables -A INPUT -m devgroup --dst-group 1; echo "rc=$?"
iptables -A INPUT -m devgroup --src-group 1; echo "rc=$?"
iptables -A OUTPUT -m devgroup --dst-group 1; echo "rc=$?"
iptables -N U
iptables -A U -m devgroup --src-group 1; echo "rc=$?"
iptables -A OUTPUT -j U; echo "rc=$?"
iptables -L FORWARD
iptables -L FORWARD -n -v
iptables -S
iptables-save | grep -v '^#'
iptables -m devgroup -h | tail -3
iptables -D FORWARD -m devgroup --src-group 0x1; echo "rc=$?"
iptables -C FORWARD -m devgroup --src-group 0; echo "rc=$?"
iptables -F
iptables -X

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n b link set dev vb group 5; echo "rc=$?"
ip -n b link set dev lo group 0x10; echo "rc=$?"
for g in abc -1 4294967295; do ip -n b link set dev vb group $g; echo "rc=$?"; done
ip -n b link show dev vb | head -1 | sed 's/@if[0-9]*//'
ip -n b link show dev lo | head -1
ip -n a link show dev va | head -1 | sed 's/@if[0-9]*//'
ip netns exec b iptables -A INPUT -p icmp -m devgroup --src-group 5
ip netns exec b iptables -A INPUT -p icmp -m devgroup ! --src-group 5
ip netns exec b iptables -A INPUT -p icmp -m devgroup --src-group 4/0xfe
ip netns exec b iptables -A INPUT -p icmp -m devgroup --src-group 0x10
ip netns exec b iptables -A OUTPUT -p icmp -m devgroup --dst-group 5
ip netns exec b iptables -A OUTPUT -p icmp -m devgroup --dst-group default
ip netns exec b iptables -A OUTPUT -p icmp -m devgroup ! --dst-group 0x10
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L -n -v -x
ip netns exec b iptables -L OUTPUT
