# One service with two named ports, http (80 -> 8080) and metrics (9090 -> 9090), both NodePorts,
# on one pod on node-b. kube-proxy writes one KUBE-SVC-/KUBE-EXT-/KUBE-SEP- set per service port
# (`default/web:http`, `default/web:metrics`: different hashes), so each port's counters move
# alone. The pod on node-a reaches both ClusterIP ports; the underlay host reaches the metrics
# NodePort on node-a, forwarded to node-b masqueraded.
# cluster: clusters/multi-port.yaml
# The head is `podpath up clusters/multi-port.yaml --steps` (clusters/regen.mjs).
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
:KUBE-EXT-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SEP-UIQK3OSOSTRHRPBX - [0:0]
:KUBE-EXT-I6PCZM52FOLORXOW - [0:0]
:KUBE-SVC-I6PCZM52FOLORXOW - [0:0]
:KUBE-SEP-4U5FKYP2IRSP3I5P - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-CDGGSHYLG3RE2FKL
-A KUBE-SERVICES -m comment --comment "default/web:metrics cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 9090 -j KUBE-SVC-I6PCZM52FOLORXOW
-A KUBE-NODEPORTS -m comment --comment default/web:metrics -m tcp -p tcp --dport 30090 -j KUBE-EXT-I6PCZM52FOLORXOW
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-EXT-CDGGSHYLG3RE2FKL -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-CDGGSHYLG3RE2FKL -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.2:8080" -j KUBE-SEP-UIQK3OSOSTRHRPBX
-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
-A KUBE-SVC-I6PCZM52FOLORXOW -m comment --comment "default/web:metrics cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 9090 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-EXT-I6PCZM52FOLORXOW -m comment --comment "masquerade traffic for default/web:metrics external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-I6PCZM52FOLORXOW -j KUBE-SVC-I6PCZM52FOLORXOW
-A KUBE-SVC-I6PCZM52FOLORXOW -m comment --comment "default/web:metrics -> 10.244.1.2:9090" -j KUBE-SEP-4U5FKYP2IRSP3I5P
-A KUBE-SEP-4U5FKYP2IRSP3I5P -m comment --comment default/web:metrics -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-4U5FKYP2IRSP3I5P -m comment --comment default/web:metrics -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:9090
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
:KUBE-EXT-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SEP-UIQK3OSOSTRHRPBX - [0:0]
:KUBE-EXT-I6PCZM52FOLORXOW - [0:0]
:KUBE-SVC-I6PCZM52FOLORXOW - [0:0]
:KUBE-SEP-4U5FKYP2IRSP3I5P - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-CDGGSHYLG3RE2FKL
-A KUBE-SERVICES -m comment --comment "default/web:metrics cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 9090 -j KUBE-SVC-I6PCZM52FOLORXOW
-A KUBE-NODEPORTS -m comment --comment default/web:metrics -m tcp -p tcp --dport 30090 -j KUBE-EXT-I6PCZM52FOLORXOW
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-EXT-CDGGSHYLG3RE2FKL -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-CDGGSHYLG3RE2FKL -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.2:8080" -j KUBE-SEP-UIQK3OSOSTRHRPBX
-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
-A KUBE-SVC-I6PCZM52FOLORXOW -m comment --comment "default/web:metrics cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 9090 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-EXT-I6PCZM52FOLORXOW -m comment --comment "masquerade traffic for default/web:metrics external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-I6PCZM52FOLORXOW -j KUBE-SVC-I6PCZM52FOLORXOW
-A KUBE-SVC-I6PCZM52FOLORXOW -m comment --comment "default/web:metrics -> 10.244.1.2:9090" -j KUBE-SEP-4U5FKYP2IRSP3I5P
-A KUBE-SEP-4U5FKYP2IRSP3I5P -m comment --comment default/web:metrics -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-4U5FKYP2IRSP3I5P -m comment --comment default/web:metrics -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:9090
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
EOF
ip netns add default.web-b
ip netns exec default.web-b ip link set lo up
ip netns exec node-b ip link add cni0 type bridge
ip netns exec node-b ip link set cni0 up
ip netns exec default.web-b ip link add eth0 type veth peer name vethb9cd02f7 netns node-b
ip netns exec default.web-b ip link set eth0 up
ip netns exec node-b ip link set vethb9cd02f7 up
ip netns exec node-b ip link set vethb9cd02f7 master cni0
ip netns exec node-b ip link set vethb9cd02f7 type bridge_slave hairpin on
ip netns exec default.web-b sysctl -qw net.ipv4.conf.eth0.arp_notify=1
ip netns exec default.web-b ip addr add 10.244.1.2/24 dev eth0
ip netns exec default.web-b ip route add default via 10.244.1.1 dev eth0
ip netns exec node-b ip addr add 10.244.1.1/24 dev cni0
ip netns exec node-b sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-b iptables --wait -t nat -S
ip netns exec node-b iptables --wait -t nat -N CNI-bccd9fdc2dca51665c895b42
ip netns exec node-b iptables --wait -t nat -C CNI-bccd9fdc2dca51665c895b42 -d 10.244.1.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-b iptables --wait -t nat -A CNI-bccd9fdc2dca51665c895b42 -d 10.244.1.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-b iptables --wait -t nat -C CNI-bccd9fdc2dca51665c895b42 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-b iptables --wait -t nat -A CNI-bccd9fdc2dca51665c895b42 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-b iptables --wait -t nat -C POSTROUTING -s 10.244.1.2 -j CNI-bccd9fdc2dca51665c895b42 -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns exec node-b iptables --wait -t nat -A POSTROUTING -s 10.244.1.2 -j CNI-bccd9fdc2dca51665c895b42 -m comment --comment 'name: "cbr0" id: "3e559cdbb9396e09fb9ebd2ef8b078702c176f53642d610fe529650854b38b39"'
ip netns add default.client
ip netns exec default.client ip link set lo up
ip netns exec node-a ip link add cni0 type bridge
ip netns exec node-a ip link set cni0 up
ip netns exec default.client ip link add eth0 type veth peer name vetha012ec67 netns node-a
ip netns exec default.client ip link set eth0 up
ip netns exec node-a ip link set vetha012ec67 up
ip netns exec node-a ip link set vetha012ec67 master cni0
ip netns exec node-a ip link set vetha012ec67 type bridge_slave hairpin on
ip netns exec default.client sysctl -qw net.ipv4.conf.eth0.arp_notify=1
ip netns exec default.client ip addr add 10.244.0.2/24 dev eth0
ip netns exec default.client ip route add default via 10.244.0.1 dev eth0
ip netns exec node-a ip addr add 10.244.0.1/24 dev cni0
ip netns exec node-a sysctl -qw net.ipv4.ip_forward=1
ip netns exec node-a iptables --wait -t nat -S
ip netns exec node-a iptables --wait -t nat -N CNI-333a3525f1780364f04cb043
ip netns exec node-a iptables --wait -t nat -C CNI-333a3525f1780364f04cb043 -d 10.244.0.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A CNI-333a3525f1780364f04cb043 -d 10.244.0.2/24 -j ACCEPT -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -C CNI-333a3525f1780364f04cb043 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A CNI-333a3525f1780364f04cb043 '!' -d 224.0.0.0/4 -j MASQUERADE -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -C POSTROUTING -s 10.244.0.2 -j CNI-333a3525f1780364f04cb043 -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
ip netns exec node-a iptables --wait -t nat -A POSTROUTING -s 10.244.0.2 -j CNI-333a3525f1780364f04cb043 -m comment --comment 'name: "cbr0" id: "762263689854c87039f7cd36c39c2cc091a114592556881060a8609bf4c33202"'
} >/dev/null 2>&1
# Conntrack without the timer and the ephemeral ports; IGMP reports (sent when links come up, at
# random delays) are left out of conntrack listings and of counters (only KUBE-/CNI- chains' rules).
ct() { sed -E 's/^(tcp +6|udp +17) [0-9]+ /\1 T /; s/port=(80|8080|9090|30090) /port=K\1 /g; s/port=[0-9]+ /port=P /g; s/port=K/port=/g' | sort; }
# KUBE-FORWARD's ESTABLISHED rule counts every later packet of a forwarded flow: whether the
# server's ACK of the client's FIN rides on its own FIN depends on timing, so it is left out too.
hits() { ip netns exec $1 iptables-save -c | grep -E -- '^\[[1-9].* -A (KUBE|CNI)-' | grep -v -e '-j RETURN$' -e 'forwarding conntrack rule'; }
ip netns exec default.web-b nc -l -k -p 8080 >/dev/null &
A=$!
ip netns exec default.web-b nc -l -k -p 9090 >/dev/null &
B=$!
sleep 1
ip netns exec default.client nc -z -w 1 10.96.0.10 80
echo "pod -> clusterip:80 $?"
ip netns exec default.client nc -z -w 1 10.96.0.10 9090
echo "pod -> clusterip:9090 $?"
nc -z -w 1 172.18.0.2 30090
echo "underlay -> node-a:30090 $?"
sleep 0.2
echo "== node-a conntrack"
ip netns exec node-a conntrack -L -p tcp 2>&1 | ct
echo "== node-b conntrack"
ip netns exec node-b conntrack -L -p tcp 2>&1 | ct
echo "== rules that counted, node-a then node-b"
hits node-a
hits node-b
kill $A $B
wait $A $B
echo "listeners $?"
