# A ClusterIP service in front of a pod on the same node, in kube-proxy's iptables mode: the
# client pod's ping to the VIP is DNATed in the bridge's PREROUTING (br_netfilter) and stays
# bridged; only the first packet walks KUBE-SERVICES; the reply comes back from the VIP. The node
# itself reaching the VIP is DNATed in OUTPUT and masqueraded (KUBE-MARK-MASQ) to cni0's address.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns add lan
for p in a b; do
  ip netns add pod-$p
  ip netns exec pod-$p sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
ip netns exec node sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add eth0 type veth peer name eth0 netns lan
ip -n node addr add 192.168.50.10/24 dev eth0
ip -n lan addr add 192.168.50.1/24 dev eth0
ip -n lan link set eth0 up
i=2
for p in a b; do
  ip -n node link add veth-$p type veth peer name eth0 netns pod-$p
  ip -n node link set veth-$p master cni0
  ip -n node link set veth-$p up
  ip -n pod-$p addr add 10.244.1.$i/24 dev eth0
  ip -n pod-$p link set lo up
  ip -n pod-$p link set eth0 up
  ip -n pod-$p route add default via 10.244.1.1
  i=$((i + 1))
done
for d in lo eth0 cni0; do ip -n node link set $d up; done
ip -n node route add default via 192.168.50.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-ERIFXISQEP7F7OF4 - [0:0]
:KUBE-SEP-IT2ZTR26TO4XFPTO - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-SVC-ERIFXISQEP7F7OF4
-A KUBE-SVC-ERIFXISQEP7F7OF4 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-MARK-MASQ
-A KUBE-SVC-ERIFXISQEP7F7OF4 -m comment --comment "default/web -> 10.244.1.3" -j KUBE-SEP-IT2ZTR26TO4XFPTO
-A KUBE-SEP-IT2ZTR26TO4XFPTO -s 10.244.1.3/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-IT2ZTR26TO4XFPTO -m comment --comment "default/web" -j DNAT --to-destination 10.244.1.3
COMMIT
RULES
echo "restore $?"
echo "== pod-a -> service"
ip netns exec pod-a ping -c 3 10.96.0.10
ip netns exec node conntrack -L | ct
ip netns exec node iptables-save -c -t nat | grep '^\['
echo "== node -> service"
ip netns exec node ping -c 2 -i 0.2 10.96.0.10 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L -d 10.96.0.10 2>&1 | ct | sort
ip netns exec node iptables -t nat -L KUBE-POSTROUTING -v -n -x
ip netns exec node conntrack -L -p icmp --src-nat 2>&1 | ct | sort
ip netns exec node conntrack -L --dst-nat 2>&1 | ct | sort
