# conntrack -E -o xml with accounting on: the XML document is opened by the first event and
# closed when the listener is signalled; the DESTROY carries the counters; -o id adds nothing
# to XML, which always has the id.
ev() { sed -E 's/<id>[0-9]+</<id>ID</g; s/id=[0-9]+/id=ID/g; s/portid=[0-9]+/portid=P/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -m state --state NEW,ESTABLISHED -j ACCEPT
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=1
ip netns exec b timeout 2 conntrack -E -o xml,id > x.ev 2> x.err &
ip netns exec b timeout 2 conntrack -E -o xml -e NEW -p udp > empty.ev 2> empty.err &
sleep 0.5
ip netns exec a ping -c 2 -i 0.3 -s 100 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b conntrack -D -p icmp | sed -E 's/id=[0-9]+/id=ID/g; s/^(icmp +1) [0-9]+ /\1 T /'
wait
echo "== xml"
ev < x.ev
cat x.err
echo "== empty"
cat empty.ev
cat empty.err
rm -f x.ev x.err empty.ev empty.err
