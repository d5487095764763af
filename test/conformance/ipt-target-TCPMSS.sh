# TCPMSS target: --set-mss / --clamp-mss-to-pmtu need -p tcp (no SYN match under iptables-nft), clamping only at FORWARD, OUTPUT, POSTROUTING; an MSS option is only lowered (a router clamps to its smaller MTU minus 40), and a segment without one and without payload gets "mss 536" (the pure ACKs of a rule without --syn).
for n in a r b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add va netns a type veth peer name ra netns r
ip link add rb netns r type veth peer name vb netns b
ip -n r link set rb mtu 1400
ip -n b link set vb mtu 1400
ip -n a addr add 10.0.1.1/24 dev va
ip -n r addr add 10.0.1.2/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev vb
for l in a/va r/ra r/rb b/vb; do ip -n ${l%/*} link set ${l#*/} up; done
ip -n a route add default via 10.0.1.2
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
x() { ip netns exec r "$@"; echo "status $?"; }
x iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
x iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 1400 --clamp-mss-to-pmtu
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --clamp-mss-to-pmtu --set-mss 0x100
x iptables -A OUTPUT -p tcp -j TCPMSS --set-mss 65515
x iptables -t nat -A PREROUTING -p tcp -j TCPMSS --set-mss 0
x iptables -t raw -A PREROUTING -p tcp -j TCPMSS --set-mss 1
x iptables -t mangle -A POSTROUTING -j TCPMSS --set-mss 1400
x iptables -t mangle -A POSTROUTING -p udp -j TCPMSS --set-mss 1400
x iptables -t mangle -A POSTROUTING ! -p tcp -j TCPMSS --set-mss 1400
x iptables -t mangle -A PREROUTING -p tcp -j TCPMSS --clamp-mss-to-pmtu
x iptables -A INPUT -p tcp -j TCPMSS --clamp-mss-to-pmtu
x iptables -N U
x iptables -A U -p tcp -j TCPMSS --clamp-mss-to-pmtu
x iptables -A INPUT -j U
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --set-mss 65516
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --set-mss abc
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --clamp-mss-to-pmtu --clamp-mss-to-pmtu
x iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS ! --set-mss 5
x iptables-save | grep -v '^#'
x iptables -t mangle -L -n
x iptables -j TCPMSS -h | tail -n 3
x iptables -F
x iptables -X U
x iptables -t mangle -F POSTROUTING
x iptables -t nat -F
x iptables -t raw -F
ip netns exec a iptables -t mangle -A POSTROUTING -p tcp -d 10.0.2.2 --dport 81 -j TCPMSS --set-mss 1000
ip netns exec a iptables -t mangle -A POSTROUTING -p tcp -d 10.0.2.2 --dport 82 -j TCPMSS --set-mss 1500
ip netns exec a iptables -t mangle -A POSTROUTING -p tcp -d 10.0.2.2 --dport 83 --syn -j TCPMSS --set-mss 600
for p in 80 81 82 83; do ip netns exec b nc -l -k -p $p > /dev/null & done
# Capture files go to the run's own tmpfs (/run/netns): two real runs at once (--self-check) must not share them.
T=/run/netns/tcpmss
sleep 1
: > $T.err
# What a sends, as b receives it: SYN, ACK, FIN, last ACK per connection (b may ACK a's FIN on its own or with its FIN).
ip netns exec b tcpdump -l -i vb -n -c 16 tcp and src 10.0.1.1 > $T.out 2> $T.err &
while ! grep -q listening $T.err 2> /dev/null; do sleep 0.05; done
for p in 80 81 82 83; do ip netns exec a nc -z -w 1 10.0.2.2 $p; echo "nc $p $?"; done
wait $!
# One connection's last ACK may follow the next one's SYN: grouped by port. Ports, sequence numbers, windows and timestamps differ from run to run.
for p in 80 81 82 83; do
  grep "> 10.0.2.2.$p:" $T.out | sed -E 's/^[0-9:.]+ //; s/seq [0-9:]+/seq S/; s/ack [0-9]+/ack A/; s/TS val [0-9]+ ecr [0-9]+/TS/; s/win [0-9]+/win W/; s/1\.1\.[0-9]+ /1.1.P /'
done
ip netns exec r iptables -t mangle -L FORWARD -n -v -x
ip netns exec a iptables -t mangle -L POSTROUTING -n -v -x
