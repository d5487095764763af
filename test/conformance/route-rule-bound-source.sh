# A socket bound to an address (ping -I ADDR) is routed by the source rule
# (pref 100 from ADDR lookup 100), an unbound one by main (default via d0, where nothing answers).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link add d0 type veth peer name d1
ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for l in lo va d0 d1; do ip -n a link set $l up; done
ip -n b link set lo up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n a addr add 10.0.0.5/24 dev va
ip -n a addr add 10.9.0.1/24 dev d0
ip -n b addr add 10.0.0.2/24 dev vb
ip -n b addr add 192.0.2.9/32 dev lo
ip -n a route add default via 10.9.0.2
ip -n a route add default via 10.0.0.2 dev va table 100
ip -n a rule add pref 100 from 10.0.0.5 lookup 100
ip -n a rule
ip -n a route get 192.0.2.9
ip -n a route get 192.0.2.9 from 10.0.0.5
ip netns exec a ping -c1 -I 10.0.0.5 192.0.2.9; echo "rc=$?"
ip -n a -s link show d0 | sed -n '5,6p'
ip -n a -s link show va | sed -n '5,6p'
