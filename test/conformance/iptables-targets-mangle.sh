ip netns add fw
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --set-mark 0x1
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --set-mark 5/0xff
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x2/0x3
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --and-mark 0xf0
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --or-mark 0x100
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --xor-mark 7
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x4
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --set-xmark 0x4/0xc
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --save-mark
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff00
ip netns exec fw iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark --mask 0xff
ip netns exec fw iptables -t mangle -A PREROUTING -j TOS --set-tos 0x10
ip netns exec fw iptables -t mangle -A PREROUTING -j TOS --set-tos Minimize-Delay
ip netns exec fw iptables -t mangle -A PREROUTING -j TOS --and-tos 0x0f
ip netns exec fw iptables -t mangle -A PREROUTING -j TTL --ttl-set 64
ip netns exec fw iptables -t mangle -A PREROUTING -j TTL --ttl-dec 1
ip netns exec fw iptables -t mangle -A PREROUTING -j TTL --ttl-inc 2
ip netns exec fw iptables -t mangle -S
ip netns exec fw iptables -t mangle -L -n
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK; echo "status $?"
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --set-mark foo; echo "status $?"
ip netns exec fw iptables -t mangle -A PREROUTING -j TTL --ttl-set 300; echo "status $?"
ip netns exec fw iptables -t mangle -A PREROUTING -j TTL --ttl-dec 0; echo "status $?"
ip netns exec fw iptables -A INPUT -j TTL --ttl-set 1; echo "status $?"
ip netns exec fw iptables -A INPUT -j MARK --set-mark 1; echo "status $?"
ip netns exec fw iptables -S INPUT
