# CONNMARK --set-mark / --save-mark / --restore-mark with marks visible in conntrack -L
# (mark=), in -L -m filters and in events (a changed mark is reported), then conntrack -U
# setting a mark that connmark then matches (its printout is left out: with several entries
# changed, real conntrack prints only some of them).
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/ portid=[0-9]+( progname=[a-z]+)?/ portid=P/g; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
B="ip netns exec b"
$B iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-request -j MARK --set-mark 0x5
$B iptables -t mangle -A PREROUTING -m conntrack --ctstate NEW -j CONNMARK --save-mark --mask 0xff
$B iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark
$B iptables -t mangle -A OUTPUT -m mark --mark 0x5
$B iptables -t mangle -A INPUT -m connmark --mark 0x5
$B timeout 1.2 conntrack -E | ct &
sleep 0.3
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
wait
echo "ping done"
$B conntrack -L | ct
$B conntrack -L -m 5 | ct
$B conntrack -L -m 0x4/0x4 | ct
$B conntrack -L -m 6
$B iptables -t mangle -A PREROUTING -j CONNMARK --set-xmark 0x100/0x100
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
$B conntrack -L 2>&1 | ct | sort
$B conntrack -U -s 10.0.0.1 -p icmp -m 0x7 > /dev/null
$B iptables -t mangle -A INPUT -m connmark --mark 0x7
$B conntrack -L -m 0x7 2>&1 | ct
$B iptables -t mangle -L -v -n -x
