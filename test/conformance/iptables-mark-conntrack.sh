ip netns add fw
ip netns exec fw iptables -A INPUT -m mark --mark 0x1 -j ACCEPT
ip netns exec fw iptables -A INPUT -m mark --mark 5/0xff -j ACCEPT
ip netns exec fw iptables -A INPUT -m mark ! --mark 0x10/0x10 -j ACCEPT
ip netns exec fw iptables -A INPUT -m connmark --mark 0x2 -j ACCEPT
ip netns exec fw iptables -A INPUT -m connmark ! --mark 3/7 -j ACCEPT
ip netns exec fw iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec fw iptables -A INPUT -m state --state NEW -j ACCEPT
ip netns exec fw iptables -A INPUT -m state ! --state INVALID -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
ip netns exec fw iptables -A INPUT -m conntrack ! --ctstate NEW,UNTRACKED -j DROP
ip netns exec fw iptables -A INPUT -m conntrack --ctstate DNAT --ctproto tcp -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctorigsrc 10.0.0.1 --ctorigdst 10.0.0.0/8 -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctstatus ASSURED -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctorigdstport 80 -j ACCEPT
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -A INPUT -m state --state FOO -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m mark --mark abc -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m conntrack --ctstate NEW,BOGUS -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m mark -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -m state -j ACCEPT; echo "status $?"
