# Input routing decisions `ip route get ... iif` reports: martians, local and broadcast delivery, forwarding off.
ip netns add r
ip link add eth0 netns r type veth peer name peer0 netns r
ip -n r addr add 10.0.0.254/24 dev eth0
ip -n r link set eth0 up
ip -n r link set peer0 up
ip -n r link set lo up
ip -n r route get 10.0.0.5 iif eth0 from 127.0.0.1
echo "rc=$?"
ip -n r route get 10.0.0.5 iif eth0 from 224.0.0.1
echo "rc=$?"
ip -n r route get 10.0.0.5 iif eth0 from 255.255.255.255
echo "rc=$?"
ip -n r route get 127.0.0.1 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 10.0.0.5 iif eth0
echo "rc=$?"
ip -n r route get 10.0.0.5 iif eth0 from 10.0.0.254
echo "rc=$?"
ip -n r route get 10.0.0.254 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 10.0.0.255 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 255.255.255.255 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 10.0.0.5 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 10.9.0.5 iif eth0 from 10.0.0.1
echo "rc=$?"
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n r route get 10.0.0.5 iif eth0 from 10.0.0.1
echo "rc=$?"
ip -n r route get 10.9.0.5 iif eth0 from 10.0.0.1
echo "rc=$?"
ip netns exec r sysctl -qw net.ipv4.conf.eth0.accept_local=1
ip -n r route get 10.0.0.5 iif eth0 from 10.0.0.254
echo "rc=$?"
ip netns exec r sysctl -qw net.ipv4.conf.eth0.route_localnet=1
ip -n r route get 10.0.0.5 iif eth0 from 127.0.0.1
echo "rc=$?"
