# ss -i for the closing states and a loss: a listener with a connection
# waiting in its accept queue (unacked:), that connection in CLOSE-WAIT (its
# FIN counts in bytes_received) and its client in FIN-WAIT-2 (no longer
# app_limited once its FIN is acknowledged); then a connection whose data is
# dropped: a tail loss probe and two RTOs later, ssthresh and cwnd of reno's
# loss state, backoff:2, bytes_retrans and retrans:1/3. Times and rates are
# masked, delivery_rate and busy left out (see ss-info.sh). Every step waits
# for the state it shows.
ip netns add a
ip netns add b
for ns in a b; do ip netns exec $ns sysctl -qw net.ipv4.tcp_congestion_control=reno; done
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
mask() {
  sed -E 's/ rtt:[0-9.]+\/[0-9.]+/ rtt:R/; s/ (minrtt|lastsnd|lastrcv|lastack):[0-9.]+/ \1:T/g' |
    sed -E 's/ (send|pacing_rate) [0-9.e+]+[kMGT]?bps/ \1 B/g; s/ delivery_rate [^ ]+//; s/ busy:[0-9]+ms//' |
    sed -E 's/timer:\(on,[^,]+,/timer:(on,T,/; s/ +$//'
}
# nc -l -k serves one client at a time: the second waits in the accept queue.
ip netns exec b nc -l -k -p 8080 > /dev/null &
ip netns exec b nc -l -p 8081 > /dev/null &
until [ "$(ip netns exec b ss -Hltn | wc -l)" = 2 ]; do sleep 0.05; done
{ echo first; sleep 3; } | ip netns exec a nc -N -p 40001 10.0.0.2 8080 &
until ip netns exec b ss -Htn state established | grep -q .; do sleep 0.05; done
echo queued | ip netns exec a nc -N -p 40002 10.0.0.2 8080 &
until ip netns exec b ss -Htn state close-wait | grep -q .; do sleep 0.05; done
# Until the delayed ACK of the queued connection's FIN is in.
until ip netns exec a ss -Htn state fin-wait-2 | grep -q .; do sleep 0.05; done
# A jiffy at least since the last segment: a last* age of 0 would not be printed.
sleep 0.05
echo "== b listening"; ip netns exec b ss -tiln sport = :8080 | mask
echo "== b close-wait"; ip netns exec b ss -tin state close-wait | mask
echo "== a fin-wait-2"; ip netns exec a ss -tin state fin-wait-2 | mask
echo "== a established"; ip netns exec a ss -tin state established | mask
# b drops the 5 bytes of data (57-byte packets) a sends to 8081: the handshake goes through.
ip netns exec b iptables -A INPUT -p tcp --dport 8081 -m length --length 57 -j DROP
{ echo more; sleep 3; } | ip netns exec a nc -p 40003 10.0.0.2 8081 &
until ip netns exec a ss -Htin dport = :8081 | grep -q backoff:2; do sleep 0.05; done
# A jiffy at least since the last segment: a last* age of 0 would not be printed.
sleep 0.05
echo "== a after two RTOs"; ip netns exec a ss -tino dport = :8081 | mask
kill %1 %2 %3 %5
wait 2> /dev/null
