ip netns add fw
ip netns exec fw iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
ip netns exec fw iptables -t nat -A PREROUTING -p tcp --dport 81 -j DNAT --to-destination 10.0.0.2
ip netns exec fw iptables -t nat -A PREROUTING -p udp --dport 82 -j DNAT --to-destination 10.0.0.2-10.0.0.5:1000-2000
ip netns exec fw iptables -t nat -A OUTPUT -d 1.2.3.4 -j DNAT --to 10.0.0.9
ip netns exec fw iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j SNAT --to-source 192.168.1.1
ip netns exec fw iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 192.168.1.1:1024-2048 --random
ip netns exec fw iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
ip netns exec fw iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1024-2048
ip netns exec fw iptables -t nat -A POSTROUTING -j MASQUERADE --random-fully
ip netns exec fw iptables -t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 3128
ip netns exec fw iptables -t nat -A PREROUTING -p tcp -j REDIRECT
ip netns exec fw iptables -t nat -N KUBE-SVC
ip netns exec fw iptables -t nat -A PREROUTING -j KUBE-SVC
ip netns exec fw iptables -t nat -A KUBE-SVC -j RETURN
ip netns exec fw iptables -t nat -S
ip netns exec fw iptables -t nat -L -n
ip netns exec fw iptables -t nat -L -n -v
ip netns exec fw iptables-save -t nat | grep -v '^#'
ip netns exec fw iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.1.1.1; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j SNAT --to-source 1.1.1.1; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j MASQUERADE; echo "status $?"
ip netns exec fw iptables -t nat -A POSTROUTING -j REDIRECT; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j DNAT; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.1:80; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j DNAT --to-destination foo; echo "status $?"
ip netns exec fw iptables -A INPUT -j DNAT --to-destination 1.1.1.1; echo "status $?"
ip netns exec fw iptables -t nat -A INPUT -j SNAT --to-source 1.1.1.1; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j DROP; echo "status $?"
