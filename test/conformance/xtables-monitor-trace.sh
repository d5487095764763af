# iptables TRACE read with xtables-monitor --trace: raw, mangle, filter and
# nat tables, user chains, jumps, gotos, RETURN, DROP; trace ids and IP ids
# vary between runs and are replaced.
ip link set lo up
iptables -t raw -A OUTPUT -p icmp -j TRACE
iptables -t raw -A PREROUTING -p icmp -j TRACE
iptables -N A
iptables -N B
iptables -N C
iptables -A OUTPUT -p icmp -j A
iptables -A A -p icmp -j B
iptables -A B -p icmp -j RETURN
iptables -A A -p tcp -j ACCEPT
iptables -A A -p icmp -g C
iptables -A C -p icmp -j MARK --set-mark 5
iptables -A OUTPUT -p icmp -j LOG --log-prefix x
iptables -A INPUT -p icmp --icmp-type echo-reply -j DROP
iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -p icmp
# nat chains are walked (and traced) only for a flow's first packet
iptables -t nat -N N1
iptables -t nat -A OUTPUT -p icmp -j N1
iptables -t nat -A N1 -p icmp -j RETURN
iptables -t nat -A POSTROUTING -p icmp -j SNAT --to-source 127.0.0.1
iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 7
timeout 1.5 xtables-monitor --trace | sed -E 's/: 2 [0-9a-f]{8} /: 2 X /; s/ ID=[0-9]+ / ID=N /' &
sleep 0.5
ping -c 2 -i 0.2 -W 1 127.0.0.1 > /dev/null
echo "ping: $?"
wait
