ip netns add fw
ip netns exec fw iptables-restore <<'RULES'
-A INPUT -j DROP
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*nosuchtable
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
:INPUT BOGUS [0:0]
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
:NEWCHAIN ACCEPT [0:0]
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
-A INPUT -p tcp --dport 99999 -j DROP
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
-A INPUT -j ACCEPT
*nat
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
-X INPUT
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
*filter
-A INPUT -j ACCEPT
COMMIT
*filter
-A INPUT -j DROP
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore <<'RULES'
# a comment
*filter

-A INPUT -m comment --comment "with spaces and \"quotes\"" -j ACCEPT
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-save | grep -v '^#'
