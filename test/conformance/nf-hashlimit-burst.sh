# -m hashlimit: per source, a burst of 3 then 1/sec; pings every 0.3s pass at 0, 0.3, 0.6, 1.2 and 2.1s.
ip netns add a
ip netns add b
ip netns add c
ip link add eth0 netns a type veth peer name eth1 netns b
ip link add eth0 netns c type veth peer name eth2 netns b
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n c addr add 10.0.2.1/24 dev eth0
ip -n b addr add 10.0.1.2/24 dev eth1
ip -n b addr add 10.0.2.2/24 dev eth2
for ns in a b c; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n c link set eth0 up
ip -n b link set eth1 up
ip -n b link set eth2 up
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 3 --hashlimit-mode srcip --hashlimit-name pings -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
ip netns exec a ping -c 8 -i 0.3 -W 1 10.0.1.2 | grep -v rtt
echo "== another source has its own bucket"
ip netns exec c ping -c 3 -i 0.3 -W 1 10.0.2.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
# Buckets: the key, the cap and the cost (credit and time left vary with timing).
ip netns exec b cat /proc/net/ipt_hashlimit/pings | awk '{print $2, $4, $5}' | sort
echo "== --hashlimit-above with one bucket for everyone"
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-above 2/sec --hashlimit-burst 2 --hashlimit-name all -j DROP
ip netns exec a ping -c 4 -i 0.3 -W 1 10.0.1.2 | grep -v rtt
ip netns exec b cat /proc/net/ipt_hashlimit/all | awk '{print $2, $4, $5}'
ip netns exec b iptables-save -c | grep -v '^#'
