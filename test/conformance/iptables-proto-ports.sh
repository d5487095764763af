# Protocols by name, number and case; ports by number, base, service name and range; their errors and views.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
for p in tcp TCP Tcp 6 0x6 udp 17 icmp 1 IGMP igmp 2 gre 47 GRE esp ah sctp 132 udplite mh icmpv6 ipv6-icmp ipv6 41 ospf 89 vrrp pim 200 255 0 all ALL; do
  ip netns exec fw iptables -A INPUT -p $p -j ACCEPT; echo "-p $p: $?"
done
for p in 256 -1 foo "" 1x 0x100 tcp6; do
  ip netns exec fw iptables -A INPUT -p "$p" -j ACCEPT; echo "-p $p: $?"
done
x iptables -A INPUT ! -p 0 -j ACCEPT
x iptables -A INPUT ! -p all -j ACCEPT
x iptables -A INPUT ! -p gre -j ACCEPT
x iptables -A INPUT --dport 80 -j ACCEPT
x iptables -A INPUT -p gre --dport 80 -j ACCEPT
x iptables -A INPUT -p tcp --dport http -j ACCEPT
x iptables -A INPUT -p tcp --dport www -j ACCEPT
x iptables -A INPUT -p tcp --sport ssh:telnet -j ACCEPT
x iptables -A INPUT -p udp --sport domain:ntp -j ACCEPT
x iptables -A INPUT -p udp --dport bootps -j ACCEPT
x iptables -A INPUT -p tcp --dport bootps -j ACCEPT
x iptables -A INPUT -p tcp --dport nosuchsvc -j ACCEPT
x iptables -A INPUT -p tcp --dport 65536 -j ACCEPT
x iptables -A INPUT -p tcp --dport -1 -j ACCEPT
x iptables -A INPUT -p tcp --dport 0 -j ACCEPT
x iptables -A INPUT -p tcp --dport 0x50 -j ACCEPT
x iptables -A INPUT -p tcp --dport 010 -j ACCEPT
x iptables -A INPUT -p tcp --dport 80:20 -j ACCEPT
x iptables -A INPUT -p udp --sport 1000:999 -j ACCEPT
x iptables -A INPUT -p tcp --dport :80 -j ACCEPT
x iptables -A INPUT -p tcp --dport 80: -j ACCEPT
x iptables -A INPUT -p tcp --dport : -j ACCEPT
x iptables -A INPUT -p tcp --dport 1:2:3 -j ACCEPT
x iptables -A INPUT -p 6 --dport 22 -j ACCEPT
x iptables -A INPUT -p TCP --dport 23 -j ACCEPT
x iptables -A INPUT -p 17 --sport 53 -j ACCEPT
x iptables -A INPUT -p tcp -m multiport --dports http,https,8000:8080 -j ACCEPT
x iptables -A INPUT -p udp -m multiport --ports domain,ntp -j ACCEPT
x iptables -S INPUT
x iptables -L INPUT
x iptables -L INPUT -n
