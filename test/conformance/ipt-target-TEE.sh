# TEE target (any table): --gateway (required, not 0.0.0.0) and --oif; a copy of each packet, untracked and with DF, goes to the gateway as next hop through OUTPUT and POSTROUTING (the rule counts the copy too), with the TTL lowered when copied at PREROUTING or INPUT; the original goes on.
for n in a b c; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name vb netns b
ip link add vc netns a type veth peer name vc netns c
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a addr add 10.0.1.1/24 dev vc
ip -n c addr add 10.0.1.3/24 dev vc
for l in a/va b/vb a/vc c/vc; do ip -n ${l%/*} link set ${l#*/} up; done
x() { ip netns exec a "$@"; echo "status $?"; }
x iptables -t mangle -A POSTROUTING -j TEE --gateway 1.2.3.4 --oif va
x iptables -t mangle -A POSTROUTING -j TEE --gateway 1.2.3.4 --oif 0123456789abcdefgh
x iptables -A INPUT -j TEE --gateway 1.2.3.4
x iptables -t nat -A POSTROUTING -j TEE --gateway 1.2.3.4
x iptables -t raw -A PREROUTING -j TEE --gateway 1.2.3.4
x iptables -t mangle -A POSTROUTING -j TEE
x iptables -t mangle -A POSTROUTING -j TEE --oif va
x iptables -t mangle -A POSTROUTING -j TEE --gateway 0.0.0.0
x iptables -t mangle -A POSTROUTING -j TEE --gateway 1.2.3.4/24
x iptables -t mangle -A POSTROUTING -j TEE --gateway 1.2.3.4 --gateway 1.2.3.5
x iptables -t mangle -A POSTROUTING -j TEE ! --gateway 1.2.3.4
x iptables-save | grep -v '^#'
x iptables -t mangle -L POSTROUTING -n
x iptables -t mangle -L POSTROUTING
x iptables -j TEE -h | tail -n 4
x iptables -F
x iptables -t mangle -F
x iptables -t nat -F
x iptables -t raw -F
x iptables -t mangle -A POSTROUTING -p icmp -d 10.0.0.2 -j TEE --gateway 10.0.1.3
x iptables -t mangle -A PREROUTING -p icmp -s 10.0.0.2 -j TEE --gateway 10.0.1.3 --oif vc
# The capture goes to the run's own tmpfs (/run/netns): two real runs at once (--self-check) must not share it.
T=/run/netns/tee
sleep 1
: > $T.err
ip netns exec c tcpdump -l -i vc -n -v -c 4 > $T.out 2> $T.err &
while ! grep -q listening $T.err 2> /dev/null; do sleep 0.05; done
ip netns exec a ping -c 1 -W 1 10.0.0.2 | grep -c ttl=
wait $!
# IP and ICMP echo ids differ from run to run.
sed -E 's/^[0-9:.]+ //; s/, id [0-9]+,/, id ID,/; s/echo (request|reply), id [0-9]+/echo \1, id N/' $T.out
ip netns exec a iptables -t mangle -L -n -v -x | grep -v '^$'
