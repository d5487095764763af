# No DNS server on the port: UDP queries draw ICMP port unreachable, which
# dig reports per try as a communications error (3 tries by default), then
# "no servers could be reached" and exit 9; over TCP the RST ends each try.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
D="ip netns exec a dig @10.0.0.53"
$D api.example.test; echo "udp $?"
$D api.example.test +short +tries=2; echo "udp short $?"
$D -p 5353 api.example.test +tcp; echo "tcp $?"
$D api.example.test +tcp +tries=1 +short; echo "tcp short $?"
$D api.example.test +noall +tries=1; echo "noall $?"
ip netns exec b iptables -A OUTPUT -p icmp
ip netns exec a dig @10.0.0.53 +tries=1 +short api.example.test; echo "counted $?"
ip netns exec b iptables -L OUTPUT -v -n -x
