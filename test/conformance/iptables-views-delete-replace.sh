# Views after deleting by number and by spec (first match only), replacing, and checking rules.
ip netns add fw
v() {
  ip netns exec fw iptables -L INPUT -n --line-numbers
  ip netns exec fw iptables -S INPUT
}
for i in 1 2 3 4 5; do ip netns exec fw iptables -A INPUT -s 10.0.0.$i -j ACCEPT; done
ip netns exec fw iptables -A INPUT -s 10.0.0.3 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec fw iptables -A INPUT -p tcp -m tcp --dport 80 -j DROP
v
ip netns exec fw iptables -D INPUT 1; echo "status $?"
ip netns exec fw iptables -D INPUT -s 10.0.0.3 -j ACCEPT; echo "status $?"
v
ip netns exec fw iptables -D INPUT -s 10.0.0.3/32 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -D INPUT -s 10.0.0.3 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -D INPUT -s 10.0.0.3 -j DROP; echo "status $?"
ip netns exec fw iptables -D INPUT -p tcp -m tcp --dport 80 -j DROP; echo "status $?"
v
ip netns exec fw iptables -C INPUT -p tcp --dport 80 -j DROP; echo "status $?"
ip netns exec fw iptables -C INPUT -p tcp --dport 81 -j DROP; echo "status $?"
ip netns exec fw iptables -C INPUT -s 10.0.0.2 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -C INPUT -s 10.0.0.2; echo "status $?"
ip netns exec fw iptables -C INPUT -s 10.0.0.2,10.0.0.4 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -C INPUT -s 10.0.0.2,10.0.0.9 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -R INPUT 1 -s 10.9.9.9 -j DROP; echo "status $?"
ip netns exec fw iptables -R INPUT 3 -p udp --dport 53 -j ACCEPT; echo "status $?"
v
ip netns exec fw iptables -R INPUT 4 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -R INPUT 5 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -D INPUT -s 10.0.0.4 -j ACCEPT -s 10.0.0.5; echo "status $?"
ip netns exec fw iptables -D INPUT -s 10.0.0.4,10.0.0.5 -j ACCEPT; echo "status $?"
v
ip netns exec fw iptables -D INPUT 2; echo "status $?"
ip netns exec fw iptables -D INPUT 1; echo "status $?"
ip netns exec fw iptables -D INPUT 1; echo "status $?"
ip netns exec fw iptables -D INPUT 1; echo "status $?"
v
ip netns exec fw iptables-save | grep -v '^#'
