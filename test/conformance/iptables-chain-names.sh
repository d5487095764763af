ip netns add fw
ip netns exec fw iptables -N ACCEPT; echo "status $?"
ip netns exec fw iptables -N INPUT; echo "status $?"
ip netns exec fw iptables -N -bad; echo "status $?"
ip netns exec fw iptables -N 'a b'; echo "status $?"
ip netns exec fw iptables -N abcdefghijklmnopqrstuvwxyz0123456789; echo "status $?"
ip netns exec fw iptables -N abcdefghijklmnopqrstuvwxyz01234; echo "status $?"
ip netns exec fw iptables -N abcdefghijklmnopqrstuvwxyz012345; echo "status $?"
ip netns exec fw iptables -N '!x'; echo "status $?"
ip netns exec fw iptables -N my-chain_1.x
ip netns exec fw iptables -S
