ip netns add fw
ip netns exec fw iptables-restore <<'RULES'
*filter
:INPUT DROP [0:0]
:FOO - [0:0]
-A INPUT -j FOO
-A FOO -p udp --dport 53 -m comment --comment "dns in" -j ACCEPT
COMMIT
*nat
-A PREROUTING -j REJECT
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-save | grep -v '^#'
ip netns exec fw iptables-restore <<'RULES'
*filter
-A INPUT -j BAR
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore --noflush <<'RULES'
*filter
-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
COMMIT
RULES
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables-save | grep -v '^#' | ip netns exec fw iptables-restore
ip netns exec fw iptables -S
