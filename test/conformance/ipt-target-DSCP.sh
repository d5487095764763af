# DSCP target (mangle only): --set-dscp by value or --set-dscp-class by DiffServ class; -S, iptables-save and -L print the value in hex; bad values, both options, other tables; the peer counts the rewritten packets with the dscp match.
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
x iptables -t mangle -A POSTROUTING -p icmp -j DSCP --set-dscp-class EF
x iptables -t mangle -A POSTROUTING -p udp -j DSCP --set-dscp 10
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp 0x3f
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp-class af41
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp-class efx
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp-class BE
x iptables -t mangle -D OUTPUT -j DSCP --set-dscp 0x22
x iptables -t mangle -A OUTPUT -j DSCP
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp 64
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp foo
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp-class foo
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp 1 --set-dscp-class EF
x iptables -t mangle -A OUTPUT -j DSCP --set-dscp 1 --set-dscp 2
x iptables -t mangle -A OUTPUT -j DSCP ! --set-dscp 1
x iptables -A OUTPUT -j DSCP --set-dscp 1
x iptables -t raw -A OUTPUT -j DSCP --set-dscp 1
x iptables -N U
x iptables -A U -j DSCP --set-dscp 1
x iptables -t mangle -F OUTPUT
x iptables -t mangle -S
x iptables-save -t mangle | grep -v '^#'
x iptables -t mangle -L POSTROUTING
x iptables -j DSCP -h | tail -n 11
ip netns exec b iptables -A INPUT -m dscp --dscp-class EF
ip netns exec b iptables -A INPUT -m dscp --dscp 10
ip netns exec b iptables -A INPUT -m tos --tos 0xb8/0xff
sleep 1
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -c ttl=
echo hi | ip netns exec a nc -u -w 1 -q 0 10.0.0.2 9
ip netns exec a iptables -t mangle -L POSTROUTING -n -v -x
ip netns exec b iptables -L INPUT -n -v -x
