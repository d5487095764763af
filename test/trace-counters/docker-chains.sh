# The chain layout container runtimes install in FORWARD: DOCKER-USER returns,
# isolation stages return, then the bridge rules accept; MASQUERADE on the way out.
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
S="ip netns exec r"
for c in DOCKER DOCKER-USER DOCKER-ISOLATION-STAGE-1 DOCKER-ISOLATION-STAGE-2; do $S iptables -N $c; done
$S iptables -P FORWARD DROP
$S iptables -A FORWARD -j DOCKER-USER
$S iptables -A FORWARD -j DOCKER-ISOLATION-STAGE-1
$S iptables -A FORWARD -o eth0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
$S iptables -A FORWARD -o eth0 -j DOCKER
$S iptables -A FORWARD -i eth0 ! -o eth0 -j ACCEPT
$S iptables -A FORWARD -i eth0 -o eth0 -j ACCEPT
$S iptables -A DOCKER-USER -j RETURN
$S iptables -A DOCKER-ISOLATION-STAGE-1 -i eth0 ! -o eth0 -j DOCKER-ISOLATION-STAGE-2
$S iptables -A DOCKER-ISOLATION-STAGE-1 -j RETURN
$S iptables -A DOCKER-ISOLATION-STAGE-2 -o eth0 -j DROP
$S iptables -A DOCKER-ISOLATION-STAGE-2 -j RETURN
$S iptables -t nat -N DOCKER
$S iptables -t nat -A POSTROUTING -s 10.0.1.0/24 ! -o eth0 -j MASQUERADE
$S iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
$S iptables -t nat -A DOCKER -i eth0 -j RETURN
# probe: ip netns exec h1 ping -c1 -W1 10.0.2.2
