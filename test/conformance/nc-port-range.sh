# nc -z over port ranges, lists and service names: one line per open port
# with -v (service names from /etc/services unless -n), refused ports quiet
# without -v; the exit status is 0 if any port was open. A port argument may
# name a service of the protocol; a range must start with a digit. (A dropped port is in tcp-nc-scan.sh:
# -w 1 would race the SYN retransmission at 1 s.)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b nc -l -k -p 8080 > /dev/null &
ip netns exec b nc -l -k -p 8082 > /dev/null &
ip netns exec b nc -l -k -p 22 > /dev/null &
until [ "$(ip netns exec b ss -Htln | wc -l)" = 3 ]; do sleep 0.05; done
ip netns exec a nc -z -v 10.0.0.2 8080-8083
echo "range -v $?"
ip netns exec a nc -z 10.0.0.2 8080-8083
echo "range quiet $?"
ip netns exec a nc -z -v -n 10.0.0.2 21-23 8081 8082
echo "list -n $?"
ip netns exec a nc -z -v 10.0.0.2 8083-8085
echo "all closed $?"
ip netns exec a nc -z -v 10.0.0.2 8085-8083
echo "reversed $?"
ip netns exec a nc -z -v 10.0.0.2 80-x
echo "bad range $?"
ip netns exec a nc -z -v 10.0.0.2 http-alt ssh
echo "service names $?"
ip netns exec a nc -z -v 10.0.0.2 ssh-http-alt
echo "not a range $?"
ip netns exec a nc -z -v 10.0.0.2 nosuchservice
echo "unknown service $?"
ip netns exec a nc -z -u 10.0.0.2 http-alt
echo "not a udp service $?"
kill %1 %2 %3
wait
