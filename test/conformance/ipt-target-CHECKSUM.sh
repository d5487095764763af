# CHECKSUM target: --checksum-fill (required, once, not invertible), mangle table only, any chain; packets go on unchanged and are counted.
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
x iptables -t mangle -A POSTROUTING -p udp -j CHECKSUM --checksum-fill
x iptables -t mangle -A PREROUTING -j CHECKSUM --checksum-fill
x iptables -t mangle -A OUTPUT -p icmp -j CHECKSUM --checksum-fill
x iptables -t mangle -A OUTPUT -j CHECKSUM
x iptables -t mangle -A OUTPUT -j CHECKSUM ! --checksum-fill
x iptables -t mangle -A OUTPUT -j CHECKSUM --checksum-fill --checksum-fill
x iptables -t mangle -A OUTPUT -j CHECKSUM --checksum-fill 1
x iptables -A OUTPUT -j CHECKSUM --checksum-fill
x iptables -t raw -A OUTPUT -j CHECKSUM --checksum-fill
x iptables -t nat -A POSTROUTING -j CHECKSUM --checksum-fill
x iptables -t mangle -S
x iptables-save -t mangle | grep -v '^#'
x iptables -t mangle -L
x iptables -j CHECKSUM -h | tail -n 2
sleep 1
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -c ttl=
echo hi | ip netns exec a nc -u -w 1 -q 0 10.0.0.2 9
x iptables -t mangle -L -n -v -x
