# -m string searches the datagram from its IP header on: ping -p fills the echo data after the 16-byte timestamp.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p icmp -m string --hex-string "|deadbeef|" --algo bm -j DROP
ip netns exec b iptables -A INPUT -p icmp -m string --string HELLO --algo kmp --icase -j DROP
ip netns exec b iptables -A INPUT -p icmp -m string --string "cafe" --algo bm --to 40 -j DROP
ip netns exec b iptables -A INPUT -m string --hex-string "|0a000001 0a000002|" --algo bm --to 20
echo "== deadbeef: dropped"
ip netns exec a ping -c 2 -i 0.2 -W 1 -p deadbeef 10.0.0.2 | grep -v rtt
echo "== hello: dropped (case ignored)"
ip netns exec a ping -c 1 -W 1 -p 68656c6c6f 10.0.0.2 | grep -v rtt
echo "== cafe lies past offset 40: answered"
ip netns exec a ping -c 1 -q -p 63616665 10.0.0.2 | grep -v rtt
echo "== default data: answered"
ip netns exec a ping -c 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
echo "== the pattern right after the timestamp, window [44, 48)"
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m string --hex-string "|deadbeef|" --algo bm --from 44 --to 48
ip netns exec b iptables -A INPUT -p icmp -m string --hex-string "|deadbeef|" --algo bm --from 45 --to 48
ip netns exec b iptables -A INPUT -p icmp -m string ! --hex-string "|deadbeef|" --algo kmp --from 44 --to 47
ip netns exec a ping -c 1 -p deadbeef 10.0.0.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
echo "== replies carry the same data"
ip netns exec a iptables -A INPUT -p icmp -m string --hex-string "|deadbeef|" --algo bm -j DROP
ip netns exec a ping -c 2 -i 0.2 -W 1 -p deadbeef 10.0.0.2 | grep -v rtt
ip netns exec b iptables -Z
ip netns exec a iptables-save -c | grep -v '^#'
