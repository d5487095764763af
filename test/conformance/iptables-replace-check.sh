ip netns add fw
ip netns exec fw iptables -A FORWARD -i veth0 -o veth1 -j ACCEPT
ip netns exec fw iptables -A FORWARD -p udp --dport 53 -j ACCEPT
ip netns exec fw iptables -R FORWARD 1 -i veth1 -o veth0 -j DROP
ip netns exec fw iptables -R FORWARD 3 -j DROP; echo "status $?"
ip netns exec fw iptables -R FORWARD -j DROP; echo "status $?"
ip netns exec fw iptables -S FORWARD
ip netns exec fw iptables -C FORWARD -i veth1 -o veth0 -j DROP; echo "check $?"
ip netns exec fw iptables -C FORWARD -i veth0 -o veth1 -j DROP; echo "check $?"
ip netns exec fw iptables -C FORWARD -p udp -m udp --dport 53 -j ACCEPT; echo "check $?"
ip netns exec fw iptables -C FORWARD -p udp --dport 54 -j ACCEPT; echo "check $?"
ip netns exec fw iptables -C FORWARD 1 -j DROP; echo "check $?"
ip netns exec fw iptables -C NOPE -j DROP; echo "check $?"
