ip netns add fw
ip netns exec fw iptables -A INPUT -j ACCEPT
ip netns exec fw iptables -t nat -A PREROUTING -j ACCEPT
ip netns exec fw iptables-restore --test <<'RULES'
*filter
-A INPUT -j DROP
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-restore -t <<'RULES'
*filter
-A INPUT -j NOWHERE
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-save | grep -v '^#'
ip netns exec fw iptables-restore -T nat <<'RULES'
*filter
-A INPUT -j DROP
COMMIT
*nat
-A POSTROUTING -j MASQUERADE
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-save | grep -v '^#'
ip netns exec fw iptables-restore -n <<'RULES'
*filter
-A INPUT -j DROP
COMMIT
RULES
ip netns exec fw iptables-restore --noflush --table=filter <<'RULES'
*filter
-I INPUT -s 1.1.1.1 -j DROP
COMMIT
RULES
ip netns exec fw iptables -S
ip netns exec fw iptables-restore --bogus </dev/null; echo "status $?"
ip netns exec fw iptables-restore /nonexistent/file; echo "status $?"
echo '*filter' | ip netns exec fw iptables-restore; echo "status $?"
printf '*filter\n-A INPUT -j DROP\n' | ip netns exec fw iptables-restore; echo "status $?"
printf '' | ip netns exec fw iptables-restore; echo "status $?"
ip netns exec fw iptables -S
