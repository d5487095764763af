# CLASSIFY target: --set-class MAJOR:MINOR (hexadecimal, sscanf "%x:%x") in any table but only at OUTPUT, FORWARD and POSTROUTING (a user chain too, refused when jumped to from INPUT); -S prints %04x:%04x, -L %x:%x; the packets go on and are counted.
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
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1:10
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class ffff:ffff
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 10000:1
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 0x10:0x20
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class a:B
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class -1:-2
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class " 1: 2x"
x iptables -t mangle -A POSTROUTING -j CLASSIFY
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1:
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class :1
x iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1:2 --set-class 1:3
x iptables -t mangle -A POSTROUTING -j CLASSIFY ! --set-class 1:2
x iptables -t mangle -A PREROUTING -j CLASSIFY --set-class 2:3
x iptables -A INPUT -j CLASSIFY --set-class 2:3
x iptables -A OUTPUT -p icmp -j CLASSIFY --set-class 2:3
x iptables -t nat -A POSTROUTING -j CLASSIFY --set-class 2:3
x iptables -t raw -A OUTPUT -j CLASSIFY --set-class 2:3
x iptables -N U
x iptables -A U -j CLASSIFY --set-class 2:4
x iptables -A INPUT -j U
x iptables -A FORWARD -j U
x iptables-save | grep -v '^#'
x iptables -t mangle -L POSTROUTING
x iptables -j CLASSIFY -h | tail -n 2
sleep 1
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -c ttl=
x iptables -L OUTPUT -n -v -x
x iptables -t raw -L OUTPUT -n -v -x
