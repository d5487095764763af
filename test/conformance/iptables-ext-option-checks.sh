# The xtables option framework's checks on extension options: once, `!`, mutual exclusion, per extension.
ip netns add fw
t() { echo "$*: $(ip netns exec fw iptables -A INPUT "$@" 2>&1 | head -1)"; }
t -p tcp ! --tcp-option 2
t -p tcp -m multiport ! --dports 80
t -p tcp -m multiport ! --ports 80
t -m addrtype ! --src-type LOCAL
t -m addrtype --src-type LOCAL ! --limit-iface-in
t -m connmark ! --mark 1
t -m iprange ! --src-range 1.1.1.1-1.1.1.2
t -m length ! --length 10
t -m limit ! --limit 1/s
t -m limit --limit 1/s ! --limit-burst 3
t -m mac ! --mac-source 00:11:22:33:44:55
t -m physdev ! --physdev-in eth0
t -m physdev ! --physdev-is-bridged
t -m pkttype ! --pkt-type host
t -m conntrack ! --ctstate NEW
t -m conntrack ! --ctproto tcp
t -m conntrack ! --ctorigsrc 1.1.1.1
t -m conntrack ! --ctstatus ASSURED
t -m conntrack --ctstate NEW --ctstate NEW
t -m state ! --state NEW
t -m state --state NEW --state NEW
t -m comment ! --comment x
t -m comment --comment a --comment b
t -m mark --mark 1 --mark 2
t -m connmark --mark 1 --mark 2
t -m length --length 1 --length 2
t -m limit --limit 1/s --limit 2/s
t -m pkttype --pkt-type unicast --pkt-type broadcast
t -m mac --mac-source 00:11:22:33:44:55 --mac-source 00:11:22:33:44:56
t -m iprange --src-range 1.1.1.1-1.1.1.2 --src-range 1.1.1.1-1.1.1.2
t -m addrtype --src-type LOCAL --src-type LOCAL
t -m addrtype --limit-iface-in --limit-iface-out --dst-type LOCAL
t -m owner --uid-owner 0 --uid-owner 1
t -p icmp --icmp-type 8 --icmp-type 0
t -p tcp --syn --syn
t -p tcp --tcp-flags SYN SYN --syn
t -p tcp -m multiport --dports 1 --dports 2
t -p tcp -m multiport --dports 1 --destination-ports 2
t -p tcp -m multiport --dports 1 --sports 2
t -p udp -m multiport --ports 1 --sports 2
t -j LOG ! --log-prefix x
t -j LOG --log-prefix x --log-prefix y
t -j LOG --log-uid --log-uid
t -j MARK ! --set-mark 1
t -j MARK --set-mark 1 --set-mark 2
t -j MARK --set-mark 1 --and-mark 2
t -j MARK --or-mark 1 --xor-mark 2
t -j REJECT ! --reject-with icmp-net-unreachable
t -j REJECT --reject-with icmp-net-unreachable --reject-with icmp-host-unreachable
t -j CONNMARK --set-mark 1 --save-mark
t -j CONNMARK --restore-mark --save-mark
t -t mangle -j TTL ! --ttl-set 1
t -t mangle -j TTL --ttl-set 1 --ttl-dec 1
t -t mangle -j TTL --ttl-inc 1 --ttl-inc 2
t -t mangle -j TOS --set-tos 1 --and-tos 1
t -t mangle -j TOS ! --set-tos 1
t -t nat -j DNAT --to-destination 1.1.1.1 --to-destination 2.2.2.2
t -t nat -j DNAT ! --to-destination 1.1.1.1
t -t nat -j SNAT --to-source 1.1.1.1 --random --random
t -t nat -j MASQUERADE --to-ports 1 --to-ports 2
t -t nat -j MASQUERADE --random --random
t -t nat -j REDIRECT ! --random
t -t raw -j CT --notrack --notrack
t -t raw -j CT ! --notrack
ip netns exec fw iptables -S
