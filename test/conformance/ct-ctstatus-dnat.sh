# -m conntrack on a router that DNATs a virtual IP: --ctstatus (SEEN_REPLY, ASSURED,
# CONFIRMED, EXPECTED, NONE), --ctstate DNAT, --ctorigdst / --ctreplsrc / --ctrepldst after
# the rewrite, and the conntrack entry that explains it.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev eth0
for ns in a b r; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
R="ip netns exec r"
$R sysctl -qw net.ipv4.ip_forward=1
$R iptables -t nat -A PREROUTING -d 10.0.9.100 -p icmp -j DNAT --to-destination 10.0.2.2
for m in "--ctstatus SEEN_REPLY" "--ctstatus ASSURED" "--ctstatus CONFIRMED" "--ctstatus EXPECTED" "--ctstatus NONE" "! --ctstatus SEEN_REPLY" \
  "--ctstate DNAT" "--ctstate SNAT" "--ctorigdst 10.0.9.100" "--ctorigdst 10.0.2.2" "--ctreplsrc 10.0.2.2" "--ctrepldst 10.0.1.0/24" \
  "! --ctorigsrc 10.0.1.2" "--ctproto 1 --ctorigdst 10.0.9.0/24 --ctdir REPLY"; do
  $R iptables -A FORWARD -m conntrack $m
done
$R iptables -A FORWARD -m conntrack --ctstatus FOO
echo "status $?"
ip netns exec a ping -c 3 -i 0.2 10.0.9.100 > /dev/null
echo "ping $?"
$R iptables -L FORWARD -v -n -x
$R iptables-save -t filter | grep -- '^-A'
$R conntrack -L -o extended | ct
$R conntrack -L --dst-nat 10.0.2.2 | ct
