# Pod egress, flannel style: traffic from the pod network to anything outside it leaves the
# node masqueraded to the node's address on the outgoing link (--random-fully maps the ping id
# too), pod-to-pod traffic keeps its source (the RETURN rules), and the external host, which has
# no route to the pods, answers the node. A second pod pinging the same host at the same time
# gets its own entry; an ICMP error from the far side is un-NATed back to the pod.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns add ext
for p in a b; do
  ip netns add pod-$p
  ip netns exec pod-$p sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
for n in node ext; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add eth0 type veth peer name eth0 netns ext
ip -n node addr add 192.168.50.10/24 dev eth0
ip -n ext addr add 192.168.50.1/24 dev eth0
ip -n ext addr add 203.0.113.7/32 dev lo
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
for d in lo eth0; do ip -n ext link set $d up; done
ip -n node route add default via 192.168.50.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables -t nat -N FLANNEL-POSTRTG
ip netns exec node iptables -t nat -A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
ip netns exec node iptables -t nat -A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
echo "== pod-a -> external"
ip netns exec pod-a ping -c 2 203.0.113.7
ip netns exec node conntrack -L | ct
ip netns exec ext conntrack -L
echo "== pod-a -> pod-b keeps its source"
ip netns exec pod-a ping -c 1 10.244.1.3 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L -s 10.244.1.2 -d 10.244.1.3 | ct
echo "== pod-b -> external, the same time"
ip netns exec pod-b ping -c 1 203.0.113.7 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L -r 10.244.1.3 2>&1 | ct | sort
ip netns exec node conntrack -L -d 203.0.113.7 2>&1 | ct | sort
echo "== an unreachable far side"
ip netns exec ext iptables -A INPUT -d 203.0.113.8 -j REJECT --reject-with icmp-host-prohibited
ip -n ext addr add 203.0.113.8/32 dev lo
ip netns exec pod-a ping -c 1 -W 1 203.0.113.8
ip netns exec node iptables-save -c -t nat | grep '^\['
