#!/bin/bash
# Two hosts on two subnets joined by a router:
#
#   h1 eth0 192.168.10.2/24 --- r-h1 192.168.10.1/24 [r] r-h2 192.168.20.1/24 --- eth0 192.168.20.2/24 h2
#
# Run it with `podpath run examples/router.sh`, or as root on Linux inside a
# throwaway network world:
#   unshare --net --mount --pid --fork bash -c 'mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && bash router.sh'

ip netns add h1
ip netns add h2
ip netns add r

ip link add eth0 netns h1 type veth peer name r-h1 netns r
ip link add eth0 netns h2 type veth peer name r-h2 netns r

ip -n h1 addr add 192.168.10.2/24 dev eth0
ip -n h2 addr add 192.168.20.2/24 dev eth0
ip -n r addr add 192.168.10.1/24 dev r-h1
ip -n r addr add 192.168.20.1/24 dev r-h2

for ns in h1 h2 r; do ip -n $ns link set lo up; done
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n r link set r-h1 up
ip -n r link set r-h2 up

ip -n h1 route add default via 192.168.10.1
ip -n h2 route add default via 192.168.20.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1

ip netns exec h1 ping -c 1 -W 1 192.168.10.1
ip netns exec h1 ping -c 2 -W 1 192.168.20.2
ip netns exec h2 ping -c 1 -W 1 192.168.10.2

ip -n h1 route get 192.168.20.2
ip -n r route get 192.168.20.2 from 192.168.10.2 iif r-h1

ip -n r -4 -br addr show
ip -n r route show
ip -n h1 route show
ip -n h1 neigh show
ip -n r link show r-h2
