# A service reached from outside the cluster: a client on the node's network routes an external IP
# and the service range to the node. kube-proxy's KUBE-EXT chain and the KUBE-SVC rule for
# sources outside the pod CIDR both mark the flow for MASQUERADE, so the pod sees cni0's address
# and the reply finds its way back; KUBE-FORWARD accepts the marked first packet under a FORWARD
# policy of DROP, and the conntrack rule the rest.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
for n in node client pod; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add veth-web type veth peer name eth0 netns pod
ip -n node link set veth-web master cni0
ip -n node link add eth0 type veth peer name eth0 netns client
ip -n node addr add 192.168.50.10/24 dev eth0
ip -n client addr add 192.168.50.99/24 dev eth0
for d in lo eth0 cni0 veth-web; do ip -n node link set $d up; done
for n in client pod; do ip -n $n link set lo up; ip -n $n link set eth0 up; done
ip -n pod addr add 10.244.1.7/24 dev eth0
ip -n pod route add default via 10.244.1.1
ip -n client route add 203.0.113.100/32 via 192.168.50.10
ip -n client route add 10.96.0.0/12 via 192.168.50.10
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-EXT-WEB - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-WEB - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-EXT-WEB -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-WEB -j KUBE-SVC-WEB
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-WEB -s 10.244.1.7/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB -m comment --comment "default/web" -j DNAT --to-destination 10.244.1.7
-A KUBE-SERVICES -d 10.96.0.80/32 -m comment --comment "default/web cluster IP" -j KUBE-SVC-WEB
-A KUBE-SERVICES -d 203.0.113.100/32 -m comment --comment "default/web external IP" -j KUBE-EXT-WEB
-A KUBE-SVC-WEB ! -s 10.244.0.0/16 -d 10.96.0.80/32 -m comment --comment "default/web cluster IP" -j KUBE-MARK-MASQ
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.7" -j KUBE-SEP-WEB
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -m comment --comment "kubernetes forwarding rules" -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "kubernetes forwarding conntrack rule" -j ACCEPT
COMMIT
RULES
echo "restore $?"
echo "== client -> external IP"
ip netns exec client ping -c 2 203.0.113.100
ip netns exec node conntrack -L | ct
echo "== client -> cluster IP"
ip netns exec client ping -c 1 10.96.0.80 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L -d 10.96.0.80 | ct
ip netns exec node iptables-save -c | grep '^\[' | grep -v '^\[0:0\]'
echo "== client -> the pod directly: no mark, FORWARD drops it"
ip -n client route add 10.244.0.0/16 via 192.168.50.10
ip netns exec client ping -c 1 -W 1 10.244.1.7 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L -d 10.244.1.7 2>&1 | ct | sort
ip netns exec node iptables -L FORWARD -v -n
