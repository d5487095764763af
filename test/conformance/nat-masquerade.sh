# Pod-style egress: a private subnet leaves a node through MASQUERADE; the far host has no
# route back to the pods and answers the node's address, which un-NATs the reply.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add pod
ip netns add node
ip netns add ext
ip link add eth0 netns pod type veth peer name veth0 netns node
ip link add eth0 netns ext type veth peer name eth0 netns node
ip -n pod addr add 10.244.1.5/24 dev eth0
ip -n node addr add 10.244.1.1/24 dev veth0
ip -n node addr add 192.168.50.10/24 dev eth0
ip -n node addr add 192.168.50.11/24 dev eth0
ip -n ext addr add 192.168.50.20/24 dev eth0
for ns in pod node ext; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n node link set veth0 up
ip -n pod route add default via 10.244.1.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
echo "== without masquerade"
ip netns exec pod ping -c 1 -W 1 192.168.50.20 > /dev/null
echo "ping $?"
ip netns exec node iptables -t nat -A POSTROUTING -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE
echo "== with masquerade"
ip netns exec pod ping -c 2 -i 0.2 192.168.50.20
echo "ping $?"
ip netns exec node conntrack -L | ct
ip netns exec node conntrack -L -n 192.168.50.10 | ct
ip netns exec node iptables -t nat -L POSTROUTING -v -n
ip netns exec pod ping -c 1 10.244.1.1 > /dev/null
ip netns exec node conntrack -L 2>&1 | ct | sort
