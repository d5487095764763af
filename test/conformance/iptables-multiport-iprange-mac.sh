ip netns add fw
ip netns exec fw iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT
ip netns exec fw iptables -A INPUT -p udp -m multiport --sports 53,123 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp -m multiport --ports 22,ssh,http -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp -m multiport ! --dports 1,2 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp -m multiport --destination-ports 25 -j ACCEPT
ip netns exec fw iptables -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT
ip netns exec fw iptables -A INPUT -m iprange ! --dst-range 192.168.0.1-192.168.0.200 -j ACCEPT
ip netns exec fw iptables -A INPUT -m iprange --src-range 1.1.1.1 -j ACCEPT
ip netns exec fw iptables -A INPUT -m mac --mac-source 00:11:22:AA:bb:CC -j ACCEPT
ip netns exec fw iptables -A INPUT -m mac ! --mac-source 02:00:00:00:00:01 -j DROP
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -A INPUT -m multiport --dports 80 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p tcp -m multiport -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m iprange --src-range 1.1.1.x -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m mac --mac-source 00:11:22 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A OUTPUT -m mac --mac-source 00:11:22:33:44:55 -j ACCEPT; echo "status $?"
