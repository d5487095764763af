ip netns add fw
ip netns exec fw iptables -A INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --sport 1000:2000 --dport :1023 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport 1024: -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp ! --dport 80 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --destination-port ssh -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport http -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --syn -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp ! --syn -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --tcp-flags ALL NONE -j DROP
ip netns exec fw iptables -A INPUT -p tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG ALL -j DROP
ip netns exec fw iptables -A INPUT -p tcp --tcp-option 2 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp -m tcp --dport 5 -j ACCEPT
ip netns exec fw iptables -A INPUT -p udp --sport 53 --dport 1024:65535 -j ACCEPT
ip netns exec fw iptables -A INPUT -p udp ! --sport 68 -j ACCEPT
ip netns exec fw iptables -A INPUT -p udp --dport 3000:2000 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport 0:65535 -j ACCEPT
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -L
ip netns exec fw iptables -A INPUT --dport 22 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp --dport 70000 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp --dport nosuchservice -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp --tcp-flags FOO SYN -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp --tcp-flags SYN -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p udp --syn -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp --dport 1 --dport 2 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p foo -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p 300 -j ACCEPT; echo "status $?"
