# A service with three endpoints, written as kube-proxy writes it: KUBE-SVC walks the endpoints
# with `-m statistic --mode random` at probabilities 1/3, 1/2 and a last unconditional jump. Which
# pod answers a flow is chance, so this prints only what chance cannot change: every flow is
# DNATed to exactly one endpoint (the KUBE-SEP counters add up to the flows), each entry's reply
# comes from one of the pods, and the probabilities as iptables-save shows them.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns exec node sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
for i in 2 3 4 5; do
  ip netns add pod$i
  ip netns exec pod$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n node link add veth$i type veth peer name eth0 netns pod$i
  ip -n node link set veth$i master cni0
  ip -n node link set veth$i up
  ip -n pod$i addr add 10.244.1.$i/24 dev eth0
  ip -n pod$i link set lo up
  ip -n pod$i link set eth0 up
  ip -n pod$i route add default via 10.244.1.1
done
ip -n node link set cni0 up
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-API - [0:0]
:KUBE-SEP-P3 - [0:0]
:KUBE-SEP-P4 - [0:0]
:KUBE-SEP-P5 - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.1/32 -m comment --comment "default/api cluster IP" -j KUBE-SVC-API
-A KUBE-SVC-API -m comment --comment "default/api -> 10.244.1.3" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-P3
-A KUBE-SVC-API -m comment --comment "default/api -> 10.244.1.4" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-P4
-A KUBE-SVC-API -m comment --comment "default/api -> 10.244.1.5" -j KUBE-SEP-P5
-A KUBE-SEP-P3 -m comment --comment "default/api" -j DNAT --to-destination 10.244.1.3
-A KUBE-SEP-P4 -m comment --comment "default/api" -j DNAT --to-destination 10.244.1.4
-A KUBE-SEP-P5 -m comment --comment "default/api" -j DNAT --to-destination 10.244.1.5
COMMIT
RULES
echo "restore $?"
ip netns exec node iptables -t nat -S KUBE-SVC-API
ok=0
for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
  ip netns exec pod2 ping -c 1 -W 1 10.96.0.1 > /dev/null && ok=$((ok + 1))
done
echo "answered: $ok of 12"
ip netns exec node iptables-save -c -t nat | sed -nE 's/^\[([0-9]+):[0-9]+\] -A KUBE-SEP.*/\1/p' | awk '{ n += $1 } END { print "DNATs:", n }'
ip netns exec node iptables -t nat -L KUBE-SERVICES -v -n -x | awk 'NR > 2 { print $1, $2 }'
ip netns exec node conntrack -L 2>/dev/null | ct | sed -E 's/src=10\.244\.1\.[345] dst=10\.244\.1\.2 /src=ENDPOINT dst=10.244.1.2 /' | sort | uniq -c
ip netns exec node conntrack -C
