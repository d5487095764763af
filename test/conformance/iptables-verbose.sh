ip netns add fw
ip netns exec fw iptables -N user
ip netns exec fw iptables -v -A INPUT -p tcp --dport 22 -s 1.2.3.4 -i eth0 -m comment --comment hi -j LOG --log-prefix x
ip netns exec fw iptables -v -I INPUT -p udp ! -f -j DROP
ip netns exec fw iptables -v -A INPUT -s 1.1.1.1,2.2.2.2 -d 10.0.0.0/8 -j user
ip netns exec fw iptables -v -A FORWARD ! -o veth0 -g user
ip netns exec fw iptables -v -C INPUT -p udp ! -f -j DROP; echo "check $?"
ip netns exec fw iptables -v -D INPUT -s 2.2.2.2 -d 10.0.0.0/8 -j user
ip netns exec fw iptables -v -Z
ip netns exec fw iptables -v -Z INPUT
ip netns exec fw iptables -L -Z -n
ip netns exec fw iptables -v -L -Z FORWARD -n
ip netns exec fw iptables -S
