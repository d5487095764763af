# NETMAP target (nat table, any nat chain): --to NETWORK[/MASK] maps one network onto another host by host: the destination at PREROUTING/OUTPUT, the source at POSTROUTING/INPUT; replies are un-NATed; odd masks and prefixes as iptables 1.8.9 reads them.
for n in a r b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name ra netns r
ip link add rb netns r type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n r addr add 10.0.0.2/24 dev ra
ip -n r addr add 10.0.1.1/24 dev rb
ip -n b addr add 10.0.1.2/24 dev vb
for l in a/va r/ra r/rb b/vb; do ip -n ${l%/*} link set ${l#*/} up; done
ip -n a route add default via 10.0.0.2
ip -n b route add default via 10.0.1.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
x() { ip netns exec r "$@"; echo "status $?"; }
x iptables -t nat -A PREROUTING -d 172.16.1.0/24 -j NETMAP --to 10.0.1.0/24
x iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o rb -j NETMAP --to 192.168.7.0/255.255.255.0
x iptables -t nat -A OUTPUT -j NETMAP --to 10.1.2.3/16
x iptables -t nat -A INPUT -j NETMAP --to 10.1.2
x iptables -t nat -N U
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/0
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/40
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/010
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/4294967296
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/0.255.255.255
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/255.255.255.128
x iptables -t nat -A U -j NETMAP
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/-1
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/8x
x iptables -t nat -A U -p tcp -j NETMAP --to 10.2.0.0/24:80
x iptables -t nat -A U -j NETMAP --to 1.2.3.4.5/8
x iptables -t nat -A U -j NETMAP --to 10.1.2.3/16 --to 10.0.0.0/8
x iptables -t nat -A U -j NETMAP ! --to 10.1.2.3/16
x iptables -t nat -A U -j NETMAP --to 10.2.0.0/24 --random
x iptables -t mangle -A PREROUTING -j NETMAP --to 10.2.0.0/24
x iptables -A FORWARD -j NETMAP --to 10.2.0.0/24
x iptables-save -t nat | grep -v '^#'
x iptables -t nat -L -n
x iptables -j NETMAP -h | tail -n 3
x iptables -t nat -F OUTPUT
x iptables -t nat -F INPUT
ip netns exec b iptables -A INPUT -p icmp -s 192.168.7.1
sleep 1
ip netns exec a ping -c 2 -i 0.2 -W 1 172.16.1.2 | grep -o 'from [0-9.]*' | sort | uniq -c
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec r iptables -t nat -L PREROUTING -n -v -x
ip netns exec r iptables -t nat -L POSTROUTING -n -v -x
