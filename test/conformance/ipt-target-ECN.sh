# ECN target (mangle only): --ecn-ip-ect sets the IP ECN codepoint, --ecn-tcp-ece/--ecn-tcp-cwr set the TCP flags (needs -p tcp), --ecn-tcp-remove clears both; how -S and -L name each combination; a SYN leaves with ECE and CWR set and ECT(0).
for n in a b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
x() { ip netns exec a "$@"; echo "status $?"; }
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-remove
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-cwr 1
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-ece 0 --ecn-ip-ect 3
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-remove --ecn-ip-ect 1
x iptables -t mangle -A PREROUTING -j ECN --ecn-ip-ect 0
x iptables -t mangle -A PREROUTING -p tcp -j ECN
x iptables -t mangle -A PREROUTING -j ECN --ecn-tcp-remove
x iptables -t mangle -A PREROUTING ! -p tcp -j ECN --ecn-tcp-ece 1
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-ip-ect 4
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-cwr 2
x iptables -t mangle -A PREROUTING -p tcp -j ECN --ecn-tcp-cwr 1 --ecn-tcp-remove
x iptables -t mangle -A PREROUTING -p tcp -j ECN ! --ecn-tcp-remove
x iptables -A INPUT -p tcp -j ECN --ecn-tcp-remove
x iptables -t mangle -S PREROUTING
x iptables -t mangle -L PREROUTING -n
x iptables -j ECN -h | tail -n 2
x iptables -t mangle -F
x iptables -t mangle -A POSTROUTING -p tcp --syn -j ECN --ecn-tcp-ece 1 --ecn-tcp-cwr 1 --ecn-ip-ect 2
ip netns exec b iptables -A INPUT -p tcp -m ecn --ecn-tcp-ece --ecn-tcp-cwr --ecn-ip-ect 2
# The capture goes to the run's own tmpfs (/run/netns): two real runs at once (--self-check) must not share it.
T=/run/netns/ecn
sleep 1
: > $T.err
ip netns exec b tcpdump -l -i vb -n -c 2 tcp > $T.out 2> $T.err &
while ! grep -q listening $T.err 2> /dev/null; do sleep 0.05; done
ip netns exec a nc -z -w 1 10.0.0.2 81; echo "nc $?"
wait $!
sed -E 's/^[0-9:.]+ //; s/seq [0-9]+/seq S/; s/ack [0-9]+/ack A/; s/TS val [0-9]+ ecr [0-9]+/TS/; s/1\.1\.[0-9]+/1.1.P/; s/0\.1\.[0-9]+ /0.1.P /; s/0\.1\.[0-9]+:/0.1.P:/' $T.out
ip netns exec a iptables -t mangle -L POSTROUTING -n -v -x
ip netns exec b iptables -L INPUT -n -v -x
