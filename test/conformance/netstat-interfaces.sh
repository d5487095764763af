# netstat -i: per-interface packet counters (IPv6 off so that only the pings are counted).
ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va netns a type veth peer name vb netns b
ip link add vc netns a type veth peer name vd netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip -n a link set lo up
# Operstate (the R flag) follows carrier through linkwatch, up to a second later.
sleep 1
echo "== before"; ip netns exec a netstat -i
ip netns exec a ping -c 3 -i 0.2 -W 1 10.0.0.2 >/dev/null
ip netns exec a ping -c 2 -i 0.2 -W 1 127.0.0.1 >/dev/null
echo "== after"; ip netns exec a netstat -i
echo "== all (-a shows down interfaces)"; ip netns exec a netstat -ia
echo "== b"; ip netns exec b netstat -i
