# Docker's published address reached from the host itself: OUTPUT's `! -d 127.0.0.0/8 -m
# addrtype --dst-type LOCAL` sends the host's ping to its own address to the DOCKER chain, the
# DNAT re-routes it out of docker0 with the host address as source, and the reply comes back
# from the published address. Pinging 127.0.0.1 or the other host address stays local.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add host
ip netns add ext
ip netns exec host sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec ext sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n host link add docker0 type bridge mcast_snooping 0
ip -n host addr add 172.17.0.1/16 dev docker0
ip -n host link add eth0 type veth peer name eth0 netns ext
ip -n host addr add 192.168.50.10/24 dev eth0
ip -n host addr add 192.168.50.11/24 dev eth0
ip -n ext addr add 192.168.50.1/24 dev eth0
i=2
for c in c1 c2; do
  ip netns add $c
  ip netns exec $c sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n host link add veth-$c type veth peer name eth0 netns $c
  ip -n host link set veth-$c master docker0
  ip -n host link set veth-$c up
  ip -n $c addr add 172.17.0.$i/16 dev eth0
  ip -n $c link set lo up
  ip -n $c link set eth0 up
  ip -n $c route add default via 172.17.0.1
  i=$((i + 1))
done
for d in lo eth0 docker0; do ip -n host link set $d up; done
for d in lo eth0; do ip -n ext link set $d up; done
ip -n host route add default via 192.168.50.1
ip -n ext route add default via 192.168.50.10
ip netns exec host sysctl -qw net.ipv4.ip_forward=1
sleep 1
# What dockerd writes for `docker run -p 192.168.50.11:...` on c1 (ping has no ports, so the
# published address is the whole address; the rules are otherwise Docker's own).
ip netns exec host iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p icmp -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER -d 192.168.50.11/32 ! -i docker0 -p icmp -j DNAT --to-destination 172.17.0.2
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p icmp -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
RULES
echo "restore $?"
H="ip netns exec host"
echo "== host -> published address"
$H ping -c 2 192.168.50.11
$H conntrack -L | ct
$H iptables-save -c -t nat | grep '^\['
echo "== host -> loopback and its other address"
$H ping -c 1 127.0.0.1 | grep -E 'bytes from|transmitted'
$H ping -c 1 192.168.50.10 | grep -E 'bytes from|transmitted'
$H conntrack -L 2>&1 | ct | sort
$H iptables -t nat -L OUTPUT -v -n
ip netns exec c1 conntrack -L
