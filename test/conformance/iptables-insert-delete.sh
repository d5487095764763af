ip netns add fw
ip netns exec fw iptables -A INPUT -s 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -A INPUT -s 10.0.0.2 -j ACCEPT
ip netns exec fw iptables -I INPUT -s 10.0.0.3 -j DROP
ip netns exec fw iptables -I INPUT 2 -s 10.0.0.4 -j DROP
ip netns exec fw iptables -I INPUT 5 -s 10.0.0.5 -j DROP
ip netns exec fw iptables -I INPUT 7 -s 10.0.0.6 -j DROP; echo "status $?"
ip netns exec fw iptables -I INPUT 0 -s 10.0.0.6 -j DROP; echo "status $?"
ip netns exec fw iptables -S INPUT
ip netns exec fw iptables -D INPUT 1
ip netns exec fw iptables -D INPUT -s 10.0.0.2/32 -j ACCEPT
ip netns exec fw iptables -D INPUT -s 10.0.0.9 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -D INPUT 9; echo "status $?"
ip netns exec fw iptables -D INPUT 0; echo "status $?"
ip netns exec fw iptables -D INPUT abc; echo "status $?"
ip netns exec fw iptables -L INPUT -n --line-numbers
ip netns exec fw iptables -A INPUT -s 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -D INPUT -s 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -S INPUT
