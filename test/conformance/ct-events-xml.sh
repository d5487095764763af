# conntrack -E -o xml with accounting on: the XML document is opened by the first event and
# closed when the listener is signalled; the DESTROY carries the counters; XML always has the
# id. A listener that saw nothing prints no document at all.
ev() { sed -E 's/<id>[0-9]+</<id>ID</g; s/ portid=[0-9]+( progname=[a-z]+)?/ portid=P/g; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -m state --state NEW,ESTABLISHED -j ACCEPT
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=1
ip netns exec b timeout 1.2 conntrack -E -o xml,id | ev &
sleep 0.3
ip netns exec a ping -c 2 -i 0.3 -s 100 10.0.0.2 > /dev/null
ip netns exec b conntrack -D -p icmp > /dev/null 2>&1
wait
echo "== nothing to show"
ip netns exec b timeout 1 conntrack -E -o xml -e NEW -p udp &
sleep 0.3
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
wait
echo "== delete in xml"
ip netns exec b conntrack -D -o xml | ev
