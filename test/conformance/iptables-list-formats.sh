ip netns add fw
ip netns exec fw iptables -A INPUT -s 192.168.1.0/24 -d 10.0.0.0/8 -p tcp --sport 1024:65535 --dport 443 -j ACCEPT
ip netns exec fw iptables -A INPUT ! -s 127.0.0.1 -i lo -j DROP
ip netns exec fw iptables -A INPUT -p udp --dport 53 -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp -j ACCEPT
ip netns exec fw iptables -A INPUT -p 47 -j ACCEPT
ip netns exec fw iptables -A INPUT -p sctp -j ACCEPT
ip netns exec fw iptables -A INPUT ! -p tcp -j ACCEPT
ip netns exec fw iptables -A INPUT -f -j DROP
ip netns exec fw iptables -A INPUT ! -f -j DROP
ip netns exec fw iptables -A OUTPUT -o eth+ -d 8.8.8.8 -j ACCEPT
ip netns exec fw iptables -A OUTPUT ! -o eth0 ! -d 8.8.0.0/16 -j ACCEPT
ip netns exec fw iptables -A FORWARD -s 1.2.3.4/255.255.0.0 -j ACCEPT
ip netns exec fw iptables -A FORWARD -s 1.2.3.4/255.0.255.0 -j ACCEPT
ip netns exec fw iptables -A FORWARD -s 0.0.0.0/0 -j ACCEPT
ip netns exec fw iptables -A FORWARD -d 10.0.0.0/0 -j ACCEPT
ip netns exec fw iptables -A FORWARD
ip netns exec fw iptables -L
ip netns exec fw iptables -L -n
ip netns exec fw iptables -L -v -n
ip netns exec fw iptables -L -n -v -x --line-numbers
ip netns exec fw iptables -L INPUT 2 -n; echo "status $?"
ip netns exec fw iptables -L nope; echo "status $?"
ip netns exec fw iptables -S INPUT 1
ip netns exec fw iptables -S INPUT 99; echo "status $?"
ip netns exec fw iptables -S FORWARD
ip netns exec fw iptables --list-rules OUTPUT
ip netns exec fw iptables -vS
