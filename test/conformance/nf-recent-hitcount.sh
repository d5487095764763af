# -m recent: the third echo request from a source within 60s is the last one answered; --update keeps it blocked.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m recent --name pingers --update --seconds 60 --hitcount 3 -j DROP
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m recent --name pingers --set
ip netns exec a ping -c 5 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
# The list: one address, its TTL and how many stamps (the jiffies themselves vary).
ip netns exec b cat /proc/net/xt_recent/pingers | awk '{print $1, $2, $3, $6, $7, NF - 7 " stamps"}'
echo "== removed by hand"
ip netns exec b sh -c 'echo -10.0.0.1 > /proc/net/xt_recent/pingers'
ip netns exec b cat /proc/net/xt_recent/pingers | wc -l
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
echo "== added by hand: blocked from the first packet once it has 3 stamps"
ip netns exec b sh -c 'echo / > /proc/net/xt_recent/pingers'
for i in 1 2 3; do ip netns exec b sh -c 'echo +10.0.0.1 > /proc/net/xt_recent/pingers'; done
ip netns exec b cat /proc/net/xt_recent/pingers | awk '{print $1, $2, $3, $6, $7}'
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables -Z INPUT
ip netns exec b iptables-save -c | grep -v '^#'
