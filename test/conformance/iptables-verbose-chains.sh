# What iptables -v prints as it works through an edit: chains flushed,
# deleted or zeroed, and each rule once it is added, found or replaced.
ip netns add fw
ip netns exec fw iptables -v -X; echo "status $?"
ip netns exec fw iptables -v -Z; echo "status $?"
ip netns exec fw iptables -v -Z INPUT; echo "status $?"
ip netns exec fw iptables -v -F INPUT
ip netns exec fw iptables -t raw -v -F
ip netns exec fw iptables -t nat -v -F
ip netns exec fw iptables -t nat -v -X
ip netns exec fw iptables -t nat -v -Z
ip netns exec fw iptables -t nat -S
ip netns exec fw iptables -v -N b
ip netns exec fw iptables -v -N a
ip netns exec fw iptables -v -A a -j ACCEPT
ip netns exec fw iptables -v -E b c
ip netns exec fw iptables -v -P INPUT DROP
ip netns exec fw iptables -v -P INPUT ACCEPT
ip netns exec fw iptables -v -F a
ip netns exec fw iptables -v -F
ip netns exec fw iptables -v -F nosuch; echo "status $?"
ip netns exec fw iptables -v -X nosuch; echo "status $?"
ip netns exec fw iptables -v -X a
ip netns exec fw iptables -v -N d
ip netns exec fw iptables -v -X
ip netns exec fw iptables -v -Z
ip netns exec fw iptables -v -I INPUT 5 -j DROP; echo "status $?"
ip netns exec fw iptables -v -R INPUT 1 -j DROP; echo "status $?"
ip netns exec fw iptables -v -C INPUT -j DROP; echo "status $?"
ip netns exec fw iptables -v -D INPUT -j DROP; echo "status $?"
ip netns exec fw iptables -v -A nosuch -s 1.1.1.1,2.2.2.2 -j DROP; echo "status $?"
ip netns exec fw iptables -v -I nosuch -j DROP; echo "status $?"
ip netns exec fw iptables -v -A INPUT -s 1.1.1.1 -j DROP
ip netns exec fw iptables -v -D INPUT -s 1.1.1.1,2.2.2.2 -j DROP; echo "status $?"
ip netns exec fw iptables -v -C INPUT -s 1.1.1.1,2.2.2.2 -j DROP; echo "status $?"
ip netns exec fw iptables -v -C INPUT -s 2.2.2.2,1.1.1.1 -j DROP; echo "status $?"
ip netns exec fw iptables -v -R INPUT 1 -s 3.3.3.3 -j ACCEPT
ip netns exec fw iptables -v -Z INPUT 1
ip netns exec fw iptables -v -Z INPUT
ip netns exec fw iptables -v -D INPUT 1
ip netns exec fw iptables -v -X INPUT; echo "status $?"
ip netns exec fw iptables -S
