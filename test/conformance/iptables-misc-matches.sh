ip netns add fw
ip netns exec fw iptables -A INPUT -m comment --comment "hello world" -j ACCEPT
ip netns exec fw iptables -A INPUT -m comment --comment plain -j ACCEPT
ip netns exec fw iptables -A INPUT -m statistic --mode random --probability 0.25 -j ACCEPT
ip netns exec fw iptables -A INPUT -m statistic --mode nth --every 3 --packet 1 -j ACCEPT
ip netns exec fw iptables -A INPUT -m statistic --mode nth --every 2 -j ACCEPT
ip netns exec fw iptables -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT
ip netns exec fw iptables -A INPUT -m addrtype --src-type UNICAST,BROADCAST --limit-iface-in -j ACCEPT
ip netns exec fw iptables -A OUTPUT -m addrtype ! --dst-type MULTICAST --limit-iface-out -j ACCEPT
ip netns exec fw iptables -A INPUT -m limit --limit 5/min --limit-burst 10 -j ACCEPT
ip netns exec fw iptables -A INPUT -m limit -j ACCEPT
ip netns exec fw iptables -A INPUT -m limit --limit 100/second -j ACCEPT
ip netns exec fw iptables -A INPUT -m limit --limit 2/hour -j ACCEPT
ip netns exec fw iptables -A INPUT -m limit --limit 1/day -j ACCEPT
ip netns exec fw iptables -A INPUT -m length --length 100:1500 -j ACCEPT
ip netns exec fw iptables -A INPUT -m length ! --length 64 -j ACCEPT
ip netns exec fw iptables -A INPUT -m pkttype --pkt-type broadcast -j DROP
ip netns exec fw iptables -A INPUT -m pkttype ! --pkt-type unicast -j DROP
ip netns exec fw iptables -A FORWARD -m physdev --physdev-in veth0 --physdev-out veth1 -j ACCEPT
ip netns exec fw iptables -A FORWARD -m physdev --physdev-is-bridged -j ACCEPT
ip netns exec fw iptables -A FORWARD -m physdev ! --physdev-is-in -j ACCEPT
ip netns exec fw iptables -A OUTPUT -m owner --uid-owner 0 -j ACCEPT
ip netns exec fw iptables -A OUTPUT -m owner --uid-owner 1000-2000 --gid-owner 0 -j ACCEPT
ip netns exec fw iptables -A OUTPUT -m owner ! --uid-owner root -j ACCEPT
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
