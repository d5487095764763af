# -L, -L -n --line-numbers, -S and iptables-save after appends and inserts at every position.
ip netns add fw
v() {
  ip netns exec fw iptables -L INPUT -n --line-numbers
  ip netns exec fw iptables -S INPUT
  ip netns exec fw iptables-save -t filter | grep -v '^#'
}
ip netns exec fw iptables -A INPUT -s 10.0.0.1 -j ACCEPT
v
ip netns exec fw iptables -A INPUT -s 10.0.0.2 -p tcp --dport 22 -j DROP
ip netns exec fw iptables -I INPUT -s 10.0.0.3 -j RETURN
v
ip netns exec fw iptables -I INPUT 2 -d 10.0.0.4/24 -p udp --sport 53
ip netns exec fw iptables -I INPUT 5 -i lo -j ACCEPT
ip netns exec fw iptables -I INPUT 5 ! -i lo -p icmp --icmp-type echo-request -j ACCEPT
v
ip netns exec fw iptables -I INPUT 8 -j DROP; echo "status $?"
ip netns exec fw iptables -I INPUT 7 -j DROP; echo "status $?"
ip netns exec fw iptables -A INPUT -s 10.0.0.1,10.0.0.9 -d 10.1.0.0/16,10.2.0.0/255.255.0.0 -j ACCEPT
ip netns exec fw iptables -I INPUT 3 -s 10.3.0.1,10.3.0.2 -j DROP
ip netns exec fw iptables -I INPUT -s 10.4.0.1,10.4.0.2 -d 10.5.0.1,10.5.0.2 -j DROP
v
ip netns exec fw iptables -L INPUT
ip netns exec fw iptables -L INPUT -v
ip netns exec fw iptables -L INPUT -v -n -x
ip netns exec fw iptables -A OUTPUT -o lo -j ACCEPT
ip netns exec fw iptables -I FORWARD -i lo -o lo -j DROP
ip netns exec fw iptables -L -n
ip netns exec fw iptables -S
