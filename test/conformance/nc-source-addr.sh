# Which source address a connection uses: the route's preferred source by
# default, a secondary address with nc -s, a port with -p; the listener's
# -v line and conntrack show it. -s also works for UDP; an address that is
# not ours fails to bind.
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/nc-source-addr.$RANDOM
ct() { sed -E 's/^(tcp +6|udp +17) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n a addr add 10.0.0.11/24 dev eth0
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n b route add 10.0.1.0/24 dev eth0
ip netns exec b nc -l -k -n -v -p 8080 > $T.out 2> $T.err &
L=$!
until ip netns exec b ss -Hltn | grep -q .; do sleep 0.05; done
echo default | ip netns exec a nc -N -p 40000 10.0.0.2 8080
echo "default $?"
echo secondary | ip netns exec a nc -N -s 10.0.0.11 -p 40001 10.0.0.2 8080
echo "secondary $?"
echo other | ip netns exec a nc -N -s 10.0.1.1 -p 40002 10.0.0.2 8080
echo "other subnet $?"
echo lo | ip netns exec a nc -v -N -s 127.0.0.1 -p 40003 10.0.0.2 8080
echo "loopback source $?"
ip netns exec a nc -N -s 10.0.0.99 10.0.0.2 8080 < /dev/null
echo "not ours $?"
echo udp | ip netns exec a nc -u -q0 -s 10.0.0.11 -p 40004 10.0.0.2 9000
echo "udp $?"
ip -n a route add 10.0.0.2/32 dev eth0 src 10.0.0.11
echo route-src | ip netns exec a nc -N -p 40005 10.0.0.2 8080
echo "route src $?"
ip -n a route get 10.0.0.2
ip -n a route get 10.0.0.2 from 127.0.0.1
ip -n a route get 127.0.0.1 from 127.0.0.1
kill $L
wait $L
echo "listener $?"
cat $T.out
cat $T.err
ip netns exec a ss -tan | sort
ip netns exec a conntrack -L 2>&1 | ct | sort
