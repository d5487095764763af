ip netns add fw
ip netns exec fw iptables -P INPUT DROP
ip netns exec fw iptables -P FORWARD DROP
ip netns exec fw iptables -P OUTPUT ACCEPT
ip netns exec fw iptables -P INPUT RETURN; echo "status $?"
ip netns exec fw iptables -N x
ip netns exec fw iptables -P x DROP; echo "status $?"
ip netns exec fw iptables -P nope DROP; echo "status $?"
ip netns exec fw iptables -P INPUT; echo "status $?"
ip netns exec fw iptables -t nat -P PREROUTING DROP; echo "status $?"
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -Z
ip netns exec fw iptables -Z INPUT
ip netns exec fw iptables -Z INPUT 1; echo "status $?"
ip netns exec fw iptables -A INPUT -j ACCEPT
ip netns exec fw iptables -Z INPUT 1; echo "status $?"
ip netns exec fw iptables -Z nope; echo "status $?"
ip netns exec fw iptables -L -Z -n -v
ip netns exec fw iptables -P INPUT ACCEPT
ip netns exec fw iptables-save | grep -v '^#'
