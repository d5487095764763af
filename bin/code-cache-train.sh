# The training run of bin/bundle.mjs: what it runs, the code cache of the
# bundled CLI holds compiled (bin/bundle-loader.cjs). Common commands, and
# an iptables-restore of a kube-proxy-shaped dump (one line of each shape).
ip netns add a
ip link add veth0 type veth peer name veth1 netns a
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -n a addr add 10.0.0.2/24 dev veth1
ip -n a link set veth1 up
ip -n a link set lo up
ip addr show dev veth0 >/dev/null
ip route show >/dev/null
sysctl -w net.ipv4.ip_forward=1 >/dev/null
iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o veth0 -j MASQUERADE
iptables -S >/dev/null
iptables -L -n -v >/dev/null
iptables-restore <<'RULES'
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-SERVICES - [0:0]
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A INPUT -j KUBE-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-SERVICES -d 10.96.0.12/32 -p tcp -m comment --comment "ns/svc-2:db has no endpoints" -m tcp --dport 5432 -j REJECT --reject-with icmp-port-unreachable
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-EXT-LQOG2TZKO5KCDC6N - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-6H5LRJPPOBQPTSNY - [0:0]
:KUBE-SEP-7LMMYHLHB6R324KY - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-LLLVKKVT7PELP6H4 - [0:0]
:KUBE-SVC-LQOG2TZKO5KCDC6N - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-EXT-LQOG2TZKO5KCDC6N -m comment --comment "masquerade traffic for ns/svc-1:grpc external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-LQOG2TZKO5KCDC6N -j KUBE-SVC-LQOG2TZKO5KCDC6N
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-NODEPORTS -p tcp -m comment --comment "ns/svc-1:grpc" -m tcp --dport 30000 -j KUBE-EXT-LQOG2TZKO5KCDC6N
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-6H5LRJPPOBQPTSNY -s 10.244.0.6/32 -m comment --comment "ns/svc-0:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-6H5LRJPPOBQPTSNY -p tcp -m comment --comment "ns/svc-0:http" -m tcp -j DNAT --to-destination 10.244.0.6:80
-A KUBE-SEP-7LMMYHLHB6R324KY -s 10.244.0.7/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-7LMMYHLHB6R324KY -p udp -m udp -j DNAT --to-destination 10.244.0.7:53
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "ns/svc-0:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-LLLVKKVT7PELP6H4
-A KUBE-SERVICES -d 10.96.0.11/32 -p udp -m comment --comment "ns/svc-1:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-LQOG2TZKO5KCDC6N
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-LLLVKKVT7PELP6H4 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment "ns/svc-0:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-LLLVKKVT7PELP6H4 -m comment --comment "ns/svc-0:http -> 10.244.0.6:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-6H5LRJPPOBQPTSNY
-A KUBE-SVC-LLLVKKVT7PELP6H4 -j KUBE-SEP-7LMMYHLHB6R324KY
-A KUBE-SVC-LQOG2TZKO5KCDC6N -j KUBE-SEP-7LMMYHLHB6R324KY
COMMIT
RULES
iptables-save >/dev/null
iptables-save -t nat | iptables-restore --noflush
ping -c 1 10.0.0.2 >/dev/null
ip netns exec a ping -c 1 -W 1 10.0.0.1 >/dev/null
