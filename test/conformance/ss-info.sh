# ss -i: the tcp_info line under each TCP socket (listener, connection after
# data both ways, SYN-SENT before and after its SYN is retransmitted, request
# and TIME-WAIT minisockets, which print an empty line) and none under UDP
# sockets; -o adds the negotiated options.
# A namespace starts with the host's default congestion control (bbr here,
# cubic on a stock Debian) and may only switch to an allowed one (else EPERM):
# reno always is. Round-trip times, rates and the last* ages vary from run to
# run and are masked; every other field and their order are compared, except
# two whose presence varies: delivery_rate (Linux drops a rate sample whose
# interval is below the minimum RTT, which a slow handshake makes likely) and
# busy (jiffies with data in flight: 0, or 4 ms when a tick falls inside).
ip netns add a
ip netns add b
for ns in a b; do ip netns exec $ns sysctl -qw net.ipv4.tcp_congestion_control=reno; done
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# a never sees b's SYN-ACK on port 9090: a stays SYN-SENT, b SYN-RECV.
ip netns exec a iptables -A INPUT -p tcp --sport 9090 --tcp-flags SYN,ACK SYN,ACK -j DROP
mask() {
  sed -E 's/ rtt:[0-9.]+\/[0-9.]+/ rtt:R/; s/ (minrtt|lastsnd|lastrcv|lastack):[0-9.]+/ \1:T/g' |
    sed -E 's/ (send|pacing_rate) [0-9.e+]+[kMGT]?bps/ \1 B/g; s/ delivery_rate [^ ]+//; s/ busy:[0-9]+ms//; s/ +$//'
}
{ sleep 0.3; echo pong; } | ip netns exec b nc -l -p 8080 > /dev/null &
ip netns exec b nc -l -p 9090 > /dev/null &
ip netns exec b nc -u -l -p 53 > /dev/null &
until [ "$(ip netns exec b ss -Htuln | wc -l)" = 3 ]; do sleep 0.05; done
{ echo ping; sleep 1; } | ip netns exec a nc -N -p 40000 10.0.0.2 8080 > /dev/null &
# Until b's answer is in: 5 bytes received.
until ip netns exec a ss -Htin state established | grep -q bytes_received:5; do sleep 0.05; done
# A jiffy at least since the last segment: a last* age of 0 would not be printed.
sleep 0.05
ip netns exec a nc -w 3 -p 40001 10.0.0.2 9090 < /dev/null &
until ip netns exec b ss -Htn state syn-recv | grep -q .; do sleep 0.05; done
echo "== a syn-sent"; ip netns exec a ss -tin state syn-sent | mask
echo "== a established"; ip netns exec a ss -tin state established | mask
echo "== a established -o"; ip netns exec a ss -tino state established | mask
echo "== a established, rates with units"; ip netns exec a ss -ti state established | mask
echo "== b listening 8080"; ip netns exec b ss -tiln sport = :8080 | mask
echo "== b established"; ip netns exec b ss -tin state established | mask
echo "== b syn-recv"; ip netns exec b ss -tin state syn-recv | mask
echo "== b udp"; ip netns exec b ss -uain | mask
wait %4
echo "== a time-wait"; ip netns exec a ss -tin state time-wait | mask
# The SYN again after 1 s: a loss, the window down to one segment.
until ip netns exec a ss -Htin state syn-sent | grep -q retrans:; do sleep 0.05; done
sleep 0.05
echo "== a syn-sent, retransmitted"; ip netns exec a ss -tin state syn-sent | mask
echo "== a sysctl"; ip netns exec a sysctl net.ipv4.tcp_congestion_control
kill %2 %3 %5
wait
