# Counters in raw, mangle, nat and filter after pings in, out and over lo: which table sees which packet.
ip netns add h1
ip netns add fw
ip link add eth0 netns h1 type veth peer name eth0 netns fw
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n fw addr add 10.0.0.2/24 dev eth0
for ns in h1 fw; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for c in PREROUTING OUTPUT; do ip netns exec fw iptables -t raw -A $c -p icmp; done
for c in PREROUTING INPUT FORWARD OUTPUT POSTROUTING; do ip netns exec fw iptables -t mangle -A $c -p icmp; done
for c in PREROUTING INPUT OUTPUT POSTROUTING; do ip netns exec fw iptables -t nat -A $c -p icmp; done
# A NAT target is what turns conntrack on in this namespace: without one, nat chains see no packet.
ip netns exec fw iptables -t nat -A PREROUTING -p tcp --dport 1 -j DNAT --to-destination 10.0.0.2:2
for c in INPUT FORWARD OUTPUT; do ip netns exec fw iptables -t filter -A $c -p icmp; done
ip netns exec fw iptables -t mangle -A INPUT -i eth0 -p icmp --icmp-type echo-request
ip netns exec fw iptables -t mangle -A OUTPUT -o lo
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec fw ping -c 2 -i 0.2 -W 1 10.0.0.1 > /dev/null; echo "ping: $?"
ip netns exec fw ping -c 1 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
for t in raw mangle nat filter; do
  echo "== $t"
  ip netns exec fw iptables -t $t -L -v -x -n
done
ip netns exec fw iptables-save -c | grep -v '^#'
