# Two Docker networks on one host: docker0 (172.17.0.0/16) and a user network br-app
# (172.18.0.0/16) created with enable_icc=false. dockerd's DOCKER-ISOLATION chains drop routed
# traffic between the two bridges, and the icc rule drops bridged traffic between containers of
# br-app (br_netfilter sends it through FORWARD with -i and -o the same bridge); both networks
# still reach the host and the outside through their MASQUERADE rules.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
for n in host ext; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n host link add eth0 type veth peer name eth0 netns ext
ip -n host addr add 192.168.50.10/24 dev eth0
ip -n ext addr add 192.168.50.1/24 dev eth0
for d in lo eth0; do ip -n host link set $d up; ip -n ext link set $d up; done
ip -n host route add default via 192.168.50.1
net() { # bridge subnet containers...
  ip -n host link add $1 type bridge mcast_snooping 0
  ip -n host addr add $2.0.1/16 dev $1
  ip -n host link set $1 up
  b=$1
  p=$2
  shift 2
  i=2
  for c in "$@"; do
    ip netns add $c
    ip netns exec $c sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip -n host link add veth-$c type veth peer name eth0 netns $c
    ip -n host link set veth-$c master $b
    ip -n host link set veth-$c up
    ip -n $c addr add $p.0.$i/16 dev eth0
    ip -n $c link set lo up
    ip -n $c link set eth0 up
    ip -n $c route add default via $p.0.1
    i=$((i + 1))
  done
}
net docker0 172.17 web
net br-app 172.18 api db
ip netns exec host sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec host iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.18.0.0/16 ! -o br-app -j MASQUERADE
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i br-app -j RETURN
-A DOCKER -i docker0 -j RETURN
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
-A FORWARD -o br-app -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o br-app -j DOCKER
-A FORWARD -i br-app ! -o br-app -j ACCEPT
-A FORWARD -i br-app -o br-app -j DROP
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i br-app ! -o br-app -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -o br-app -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
RULES
echo "restore $?"
for t in "web 172.18.0.2" "api 172.17.0.2" "api 172.18.0.3" "api 172.18.0.1" "web 172.18.0.1" "api 192.168.50.1" "web 192.168.50.1"; do
  set -- $t
  ip netns exec $1 ping -c 1 -W 1 $2 > /dev/null
  echo "$1 -> $2: $?"
done
ip netns exec host conntrack -L 2>&1 | ct | sort
ip netns exec host iptables-save -c -t filter | grep '^\[' | grep -v '^\[0:0\]'
ip netns exec host iptables -L FORWARD -v -n | head -2
