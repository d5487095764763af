# Exit status 1 (iptables: ...), 2 (parameter problem) and 4 (the kernel refused) across commands and tables.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -N a
x iptables -N b
x iptables -A a -j b
x iptables -A b -j a
x iptables -A b -g a
x iptables -A a -j a
x iptables -A INPUT -j a
x iptables -X a
x iptables -X b
x iptables -F a
x iptables -X a
x iptables -D INPUT -j a
x iptables -X a
x iptables -X b
x iptables -A INPUT -j REJECT --reject-with tcp-reset
x iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset
x iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
x iptables -A INPUT ! -p tcp -j REJECT --reject-with tcp-reset
x iptables -t nat -A PREROUTING -j REJECT
x iptables -t mangle -A INPUT -j DNAT --to-destination 1.2.3.4
x iptables -t nat -A INPUT -j DNAT --to-destination 1.2.3.4
x iptables -t nat -A OUTPUT -j SNAT --to-source 1.2.3.4
x iptables -t nat -A PREROUTING -j MASQUERADE
x iptables -t filter -A INPUT -j TTL --ttl-set 3
x iptables -t raw -A PREROUTING -j MARK --set-mark 1
x iptables -t raw -A INPUT -j ACCEPT
x iptables -t security -A INPUT -j ACCEPT
x iptables -t bogus -A INPUT -j ACCEPT
x iptables -A INPUT -j nosuchchain
x iptables -A INPUT -g nosuchchain
x iptables -A nosuchchain -j ACCEPT
x iptables -I nosuchchain -j ACCEPT
x iptables -C nosuchchain -j ACCEPT
x iptables -D nosuchchain -j ACCEPT
x iptables -L nosuchchain
x iptables -S nosuchchain
x iptables -F nosuchchain
x iptables -Z nosuchchain
x iptables -X nosuchchain
x iptables -P nosuchchain DROP
x iptables -P a DROP
x iptables -P INPUT REJECT
x iptables -P INPUT drop
x iptables -P INPUT RETURN
x iptables -t nat -P INPUT DROP
x iptables -N INPUT
x iptables -N a
x iptables -N ACCEPT
x iptables -N LOG
x iptables -N QUEUE
x iptables -E a INPUT
x iptables -E a b
x iptables -E b b
x iptables -A INPUT -m nosuchmatch
x iptables -A INPUT -j LOG --log-level 99
x iptables -A INPUT -p tcp --tcp-flags SYN
x iptables -A OUTPUT -i lo
x iptables -A INPUT -o lo
x iptables -t nat -A POSTROUTING -i lo
x iptables -t mangle -A PREROUTING -o lo
x iptables -S
x iptables -t nat -S
