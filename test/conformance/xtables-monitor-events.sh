# xtables-monitor --event: rule, chain and table changes. Its stdout is
# flushed only by a trace message (or a full buffer), so the script ends
# with a traced ping (rules that count the request only: a trace prints
# the counters the rule has when the monitor reads it back); NEWGEN lines carry the committing pid and are dropped.
ip link set lo up
timeout 2 xtables-monitor --event --trace -c | grep -v '^NEWGEN' | sed -E 's/: 2 [0-9a-f]{8} /: 2 X /; s/ ID=[0-9]+ / ID=N /' &
sleep 0.5
iptables -t raw -A OUTPUT -p icmp --icmp-type echo-request -j TRACE
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -I INPUT -s 1.2.3.4 -j DROP
iptables -D INPUT 2
iptables -R INPUT 1 -s 1.2.3.5 -j DROP
iptables -P INPUT DROP
iptables -P INPUT ACCEPT
iptables -F INPUT
iptables -N X
iptables -E X Y
iptables -A Y -j RETURN
iptables -A OUTPUT -j Y
iptables -D OUTPUT -j Y
iptables -F Y
iptables -X Y
iptables -Z
iptables -t nat -A POSTROUTING -o lo -p udp -j MASQUERADE
iptables -t mangle -A OUTPUT -p udp -j ACCEPT
iptables -t raw -P PREROUTING DROP
iptables -t raw -P PREROUTING ACCEPT
iptables -A FORWARD -j ACCEPT
iptables-restore <<R
*filter
:INPUT ACCEPT [0:0]
:FOO - [0:0]
-A INPUT -j FOO
-A FOO -p udp -j ACCEPT
COMMIT
R
iptables-restore --noflush <<R
*filter
:BAR - [0:0]
-A BAR -j RETURN
COMMIT
R
iptables -F
iptables -X
iptables -A OUTPUT -p icmp --icmp-type echo-request -j ACCEPT
ping -c 1 -W 1 127.0.0.1 > /dev/null
wait
