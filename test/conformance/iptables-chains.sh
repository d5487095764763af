ip netns add fw
ip netns exec fw iptables -N web
ip netns exec fw iptables -N ssh
ip netns exec fw iptables -N aaa
ip netns exec fw iptables -A INPUT -p tcp --dport 80 -j web
ip netns exec fw iptables -A INPUT -p tcp --dport 22 -g ssh
ip netns exec fw iptables -A web -j RETURN
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -E web www
ip netns exec fw iptables -E www ssh; echo "status $?"
ip netns exec fw iptables -E nope x; echo "status $?"
ip netns exec fw iptables -S
ip netns exec fw iptables -X www; echo "status $?"
ip netns exec fw iptables -X aaa; echo "status $?"
ip netns exec fw iptables -X aaa; echo "status $?"
ip netns exec fw iptables -X INPUT; echo "status $?"
ip netns exec fw iptables -F www
ip netns exec fw iptables -D INPUT 1
ip netns exec fw iptables -X www; echo "status $?"
ip netns exec fw iptables -F
ip netns exec fw iptables -X
ip netns exec fw iptables -S
