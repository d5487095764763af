# rp_filter=1 drops a packet arriving where the reverse path does not point; 2 (loose) accepts it.
ip netns add h1
ip netns add r
ip netns add h2
ip link add veth1 netns r type veth peer name eth0 netns h1
ip link add veth2 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 192.168.10.2/24 dev eth0
ip -n h1 addr add 10.99.0.1/32 dev lo
ip -n r addr add 192.168.10.1/24 dev veth1
ip -n r addr add 192.168.20.1/24 dev veth2
ip -n h2 addr add 192.168.20.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 link set eth0 up
ip -n r link set veth1 up
ip -n r link set veth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 192.168.10.1
ip -n h2 route add default via 192.168.20.1
# r believes 10.99.0.0/16 lives behind h2: h1's packets from 10.99.0.1 arrive on the wrong side.
ip -n r route add 10.99.0.0/16 via 192.168.20.2
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n r route get 192.168.20.1 iif veth1 from 10.99.0.1
ip netns exec r sysctl -qw net.ipv4.conf.all.rp_filter=1
ip netns exec h1 ping -c 1 -W 1 -I 10.99.0.1 192.168.20.1
echo "rp_filter 1: $?"
ip -n r route get 192.168.20.1 iif veth1 from 10.99.0.1
echo "route get: $?"
ip netns exec r sysctl -qw net.ipv4.conf.all.rp_filter=2
ip -n r route get 192.168.20.1 iif veth1 from 10.99.0.1
echo "route get: $?"
ip netns exec r sysctl -qw net.ipv4.conf.all.rp_filter=0
ip netns exec r sysctl -qw net.ipv4.conf.veth1.rp_filter=1
ip -n r route get 192.168.20.1 iif veth1 from 10.99.0.1
echo "route get: $?"
