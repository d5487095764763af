# sessionAffinity: ClientIP over two endpoints, one per node. The first connection picks an
# endpoint at random (statistic) and its KUBE-SEP- chain records the client in the `recent` list
# named after it (--set); later connections from the same client match that list's --rcheck rule
# in KUBE-SVC- first, so all four connections reach the same endpoint. Which endpoint is random on
# real Linux, so the script prints what does not depend on it: the number of distinct endpoints,
# rule hits summed by kind, and the recent lists with their timestamps left out.
# cluster: clusters/affinity.yaml
# The head is `podpath up clusters/affinity.yaml --steps` (clusters/regen.mjs).
{
ip link add podpath0 type bridge
ip addr add 172.18.0.1/16 dev podpath0
ip link set podpath0 up
ip netns add node-a
ip netns exec node-a ip link set lo up
ip link add veth097c85a type veth peer name eth0 netns node-a
ip link set veth097c85a master podpath0
ip link set veth097c85a up
ip netns exec node-a ip addr add 172.18.0.2/16 dev eth0
ip netns exec node-a ip link set eth0 up
ip netns exec node-a ip route add default via 172.18.0.1 dev eth0
ip netns exec node-a sysctl -qw net.ipv4.ip_forward=1
ip netns add node-b
ip netns exec node-b ip link set lo up
ip link add vethf349e2d type veth peer name eth0 netns node-b
ip link set vethf349e2d master podpath0
ip link set vethf349e2d up
ip netns exec node-b ip addr add 172.18.0.3/16 dev eth0
ip netns exec node-b ip link set eth0 up
ip netns exec node-b ip route add default via 172.18.0.1 dev eth0
ip netns exec node-b sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-a ip -batch - <<'EOF'
route add 10.244.1.0/24 via 172.18.0.3 dev eth0
EOF
ip netns exec node-b ip -batch - <<'EOF'
route add 10.244.0.0/24 via 172.18.0.2 dev eth0
EOF
ip netns exec node-a sysctl -qw net.ipv4.conf.all.route_localnet=1
ip netns exec node-a sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_established=86400
ip netns exec node-a sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_close_wait=3600
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-NODEPORTS
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C INPUT -m comment --comment 'kubernetes health check service ports' -j KUBE-NODEPORTS
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I INPUT -m comment --comment 'kubernetes health check service ports' -j KUBE-NODEPORTS
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-FORWARD
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C FORWARD -m comment --comment 'kubernetes forwarding rules' -j KUBE-FORWARD
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I FORWARD -m comment --comment 'kubernetes forwarding rules' -j KUBE-FORWARD
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t nat -N KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -C OUTPUT -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -I OUTPUT -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -N KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -C PREROUTING -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -I PREROUTING -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-a iptables -w 5 -W 100000 -t nat -N KUBE-POSTROUTING
ip netns exec node-a iptables -w 5 -W 100000 -t nat -C POSTROUTING -m comment --comment 'kubernetes postrouting rules' -j KUBE-POSTROUTING
ip netns exec node-a iptables -w 5 -W 100000 -t nat -I POSTROUTING -m comment --comment 'kubernetes postrouting rules' -j KUBE-POSTROUTING
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C INPUT -j KUBE-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I INPUT -j KUBE-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -N KUBE-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -C OUTPUT -j KUBE-FIREWALL
ip netns exec node-a iptables -w 5 -W 100000 -t filter -I OUTPUT -j KUBE-FIREWALL
ip netns exec node-a iptables-restore -w 5 -W 100000 --noflush --counters <<'EOF'
*filter
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-FIREWALL - [0:0]
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-T2ECBIYT2WDZZK45 - [0:0]
:KUBE-SEP-GUDMPCXTK6BWKH2Q - [0:0]
:KUBE-SEP-KHNL7AWIV4WERVG5 - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j KUBE-SVC-T2ECBIYT2WDZZK45
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.12 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.0.3:8080" -m recent --name KUBE-SEP-GUDMPCXTK6BWKH2Q --rcheck --seconds 10800 --reap -j KUBE-SEP-GUDMPCXTK6BWKH2Q
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.2:8080" -m recent --name KUBE-SEP-KHNL7AWIV4WERVG5 --rcheck --seconds 10800 --reap -j KUBE-SEP-KHNL7AWIV4WERVG5
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.0.3:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-GUDMPCXTK6BWKH2Q
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.2:8080" -j KUBE-SEP-KHNL7AWIV4WERVG5
-A KUBE-SEP-GUDMPCXTK6BWKH2Q -m comment --comment default/sticky:http -s 10.244.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-GUDMPCXTK6BWKH2Q -m comment --comment default/sticky:http -m recent --name KUBE-SEP-GUDMPCXTK6BWKH2Q --set -m tcp -p tcp -j DNAT --to-destination 10.244.0.3:8080
-A KUBE-SEP-KHNL7AWIV4WERVG5 -m comment --comment default/sticky:http -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-KHNL7AWIV4WERVG5 -m comment --comment default/sticky:http -m recent --name KUBE-SEP-KHNL7AWIV4WERVG5 --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
EOF
ip netns exec node-b sysctl -qw net.ipv4.conf.all.route_localnet=1
ip netns exec node-b sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_established=86400
ip netns exec node-b sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_close_wait=3600
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-NODEPORTS
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C INPUT -m comment --comment 'kubernetes health check service ports' -j KUBE-NODEPORTS
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I INPUT -m comment --comment 'kubernetes health check service ports' -j KUBE-NODEPORTS
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-FORWARD
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C FORWARD -m comment --comment 'kubernetes forwarding rules' -j KUBE-FORWARD
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I FORWARD -m comment --comment 'kubernetes forwarding rules' -j KUBE-FORWARD
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t nat -N KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -C OUTPUT -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -I OUTPUT -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -N KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -C PREROUTING -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -I PREROUTING -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node-b iptables -w 5 -W 100000 -t nat -N KUBE-POSTROUTING
ip netns exec node-b iptables -w 5 -W 100000 -t nat -C POSTROUTING -m comment --comment 'kubernetes postrouting rules' -j KUBE-POSTROUTING
ip netns exec node-b iptables -w 5 -W 100000 -t nat -I POSTROUTING -m comment --comment 'kubernetes postrouting rules' -j KUBE-POSTROUTING
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C INPUT -j KUBE-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I INPUT -j KUBE-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -N KUBE-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -C OUTPUT -j KUBE-FIREWALL
ip netns exec node-b iptables -w 5 -W 100000 -t filter -I OUTPUT -j KUBE-FIREWALL
ip netns exec node-b iptables-restore -w 5 -W 100000 --noflush --counters <<'EOF'
*filter
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-FIREWALL - [0:0]
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-T2ECBIYT2WDZZK45 - [0:0]
:KUBE-SEP-GUDMPCXTK6BWKH2Q - [0:0]
:KUBE-SEP-KHNL7AWIV4WERVG5 - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j KUBE-SVC-T2ECBIYT2WDZZK45
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.12 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.0.3:8080" -m recent --name KUBE-SEP-GUDMPCXTK6BWKH2Q --rcheck --seconds 10800 --reap -j KUBE-SEP-GUDMPCXTK6BWKH2Q
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.2:8080" -m recent --name KUBE-SEP-KHNL7AWIV4WERVG5 --rcheck --seconds 10800 --reap -j KUBE-SEP-KHNL7AWIV4WERVG5
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.0.3:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-GUDMPCXTK6BWKH2Q
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.2:8080" -j KUBE-SEP-KHNL7AWIV4WERVG5
-A KUBE-SEP-GUDMPCXTK6BWKH2Q -m comment --comment default/sticky:http -s 10.244.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-GUDMPCXTK6BWKH2Q -m comment --comment default/sticky:http -m recent --name KUBE-SEP-GUDMPCXTK6BWKH2Q --set -m tcp -p tcp -j DNAT --to-destination 10.244.0.3:8080
-A KUBE-SEP-KHNL7AWIV4WERVG5 -m comment --comment default/sticky:http -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-KHNL7AWIV4WERVG5 -m comment --comment default/sticky:http -m recent --name KUBE-SEP-KHNL7AWIV4WERVG5 --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
EOF
ip netns add default.client
ip netns exec default.client ip link set lo up
ip netns exec node-a ip link add cni0 type bridge
ip netns exec node-a ip link set cni0 up
ip netns exec default.client ip link add eth0 type veth peer name vethb9cd02f7 netns node-a
ip netns exec default.client ip link set eth0 up
ip netns exec node-a ip link set vethb9cd02f7 up
ip netns exec node-a ip link set vethb9cd02f7 master cni0
ip netns exec node-a ip link set vethb9cd02f7 type bridge_slave hairpin on
ip netns exec default.client sysctl -qw net.ipv4.conf.eth0.arp_notify=1
ip netns exec default.client ip addr add 10.244.0.2/24 dev eth0
ip netns exec default.client ip route add default via 10.244.0.1 dev eth0
ip netns exec node-a ip addr add 10.244.0.1/24 dev cni0
ip netns exec node-a sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-a iptables --wait -t nat -S
ip netns exec node-a iptables --wait -t nat -N CNI-bccd9fdc2dca51665c895b42
ip netns exec node-a iptables --wait -t nat -C CNI-bccd9fdc2dca51665c895b42 -d 10.244.0.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-a iptables --wait -t nat -A CNI-bccd9fdc2dca51665c895b42 -d 10.244.0.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-a iptables --wait -t nat -C CNI-bccd9fdc2dca51665c895b42 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-a iptables --wait -t nat -A CNI-bccd9fdc2dca51665c895b42 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-a iptables --wait -t nat -C POSTROUTING -s 10.244.0.2 -j CNI-bccd9fdc2dca51665c895b42 -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-a iptables --wait -t nat -A POSTROUTING -s 10.244.0.2 -j CNI-bccd9fdc2dca51665c895b42 -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns add default.web-a
ip netns exec default.web-a ip link set lo up
ip netns exec node-a ip link set cni0 up
ip netns exec default.web-a ip link add eth0 type veth peer name veth7ba063fe netns node-a
ip netns exec default.web-a ip link set eth0 up
ip netns exec node-a ip link set veth7ba063fe up
ip netns exec node-a ip link set veth7ba063fe master cni0
ip netns exec node-a ip link set veth7ba063fe type bridge_slave hairpin on
ip netns exec default.web-a sysctl -qw net.ipv4.conf.eth0.arp_notify=1
ip netns exec default.web-a ip addr add 10.244.0.3/24 dev eth0
ip netns exec default.web-a ip route add default via 10.244.0.1 dev eth0
ip netns exec node-a sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-a iptables --wait -t nat -S
ip netns exec node-a iptables --wait -t nat -N CNI-333a3525f1780364f04cb043
ip netns exec node-a iptables --wait -t nat -C CNI-333a3525f1780364f04cb043 -d 10.244.0.3/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A CNI-333a3525f1780364f04cb043 -d 10.244.0.3/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -C CNI-333a3525f1780364f04cb043 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A CNI-333a3525f1780364f04cb043 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -C POSTROUTING -s 10.244.0.3 -j CNI-333a3525f1780364f04cb043 -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A POSTROUTING -s 10.244.0.3 -j CNI-333a3525f1780364f04cb043 -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns add default.web-b
ip netns exec default.web-b ip link set lo up
ip netns exec node-b ip link add cni0 type bridge
ip netns exec node-b ip link set cni0 up
ip netns exec default.web-b ip link add eth0 type veth peer name vethe5e190a9 netns node-b
ip netns exec default.web-b ip link set eth0 up
ip netns exec node-b ip link set vethe5e190a9 up
ip netns exec node-b ip link set vethe5e190a9 master cni0
ip netns exec node-b ip link set vethe5e190a9 type bridge_slave hairpin on
ip netns exec default.web-b sysctl -qw net.ipv4.conf.eth0.arp_notify=1
ip netns exec default.web-b ip addr add 10.244.1.2/24 dev eth0
ip netns exec default.web-b ip route add default via 10.244.1.1 dev eth0
ip netns exec node-b ip addr add 10.244.1.1/24 dev cni0
ip netns exec node-b sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-b iptables --wait -t nat -S
ip netns exec node-b iptables --wait -t nat -N CNI-3766f3174e1d3f3754e87946
ip netns exec node-b iptables --wait -t nat -C CNI-3766f3174e1d3f3754e87946 -d 10.244.1.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
ip netns exec node-b iptables --wait -t nat -A CNI-3766f3174e1d3f3754e87946 -d 10.244.1.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
ip netns exec node-b iptables --wait -t nat -C CNI-3766f3174e1d3f3754e87946 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
ip netns exec node-b iptables --wait -t nat -A CNI-3766f3174e1d3f3754e87946 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
ip netns exec node-b iptables --wait -t nat -C POSTROUTING -s 10.244.1.2 -j CNI-3766f3174e1d3f3754e87946 -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
ip netns exec node-b iptables --wait -t nat -A POSTROUTING -s 10.244.1.2 -j CNI-3766f3174e1d3f3754e87946 -m comment --comment 'name: "cbr0" id: "5971643e7a1360bdf9bc5c08692c14bb63f37cc8d63af610ac20937486ed76a3"'
} >/dev/null 2>&1
ip netns exec default.web-a nc -l -k -p 8080 >/dev/null &
A=$!
ip netns exec default.web-b nc -l -k -p 8080 >/dev/null &
B=$!
sleep 1
for i in 1 2 3 4; do
  ip netns exec default.client nc -z -w 1 10.96.0.12 80
  echo "connection $i: $?"
done
echo "== endpoints reached (reply sources of node-a's entries)"
ip netns exec node-a conntrack -L -p tcp -d 10.96.0.12 2>/dev/null | sed -E 's/.* src=([0-9.]+) dst=[0-9.]+ sport=8080 .*/\1/' | sort -u | wc -l
echo "== node-a nat rule hits by kind"
ip netns exec node-a iptables-save -c -t nat | sed -nE 's/^\[([0-9]+):[0-9]+\] -A /\1 /p' | awk '
  $2 ~ /^KUBE-SVC-/ && /--rcheck/ { rcheck += $1 }
  $2 ~ /^KUBE-SVC-/ && !/--rcheck/ && /-j KUBE-SEP-/ { pick += $1 }
  $2 ~ /^KUBE-SEP-/ && /--set/ { set += $1 }
  END { print "rcheck " rcheck ", random pick " pick ", set+DNAT " set }'
echo "== node-a recent lists"
ip netns exec node-a cat /proc/net/xt_recent/KUBE-SEP-GUDMPCXTK6BWKH2Q /proc/net/xt_recent/KUBE-SEP-KHNL7AWIV4WERVG5 | sed -E 's/last_seen: [0-9]+ oldest_pkt: ([0-9]+) .*/oldest_pkt: \1/'
kill $A $B
wait $A $B
