# A DNS server on port 5353 behind a DNAT rule for port 53: dig asks
# 10.0.0.53#53, conntrack rewrites the reply's source back, and dnsmasq
# logs the client's real address.
ct() { sed -E 's/^(udp +17|tcp +6) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces --port=5353 \
  --log-queries --host-record=ready.test,10.0.0.1 --host-record=api.example.test,10.0.0.10 2>/tmp/dig-dnat.log &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 -p 5353 ready.test >/dev/null 2>&1; do sleep 0.05; done
ip netns exec b iptables -t nat -A PREROUTING -p udp --dport 53 -j DNAT --to-destination 10.0.0.53:5353
ip netns exec b iptables -t nat -A PREROUTING -p tcp --dport 53 -j DNAT --to-destination 10.0.0.53:5353
ip netns exec b conntrack -F 2>/dev/null
ip netns exec a dig @10.0.0.53 api.example.test; echo "udp $?"
ip netns exec a dig @10.0.0.53 api.example.test +tcp +short; echo "tcp $?"
ip netns exec b iptables -t nat -L PREROUTING -v -n -x
ip netns exec b conntrack -L -p udp 2>&1 | ct | sort
kill %1; wait
grep -v ready.test /tmp/dig-dnat.log
