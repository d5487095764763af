ip netns add fw
ip netns exec fw iptables-restore -c <<'RULES'
*filter
:INPUT ACCEPT [10:2000]
:FORWARD DROP [3:252]
:OUTPUT ACCEPT [0:0]
:user - [0:0]
[5:420] -A INPUT -p icmp -j ACCEPT
[1234567:987654321] -A INPUT -j user
-A user -j RETURN
COMMIT
RULES
echo "status $?"
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables -L -v -n
ip netns exec fw iptables -L -v -n -x
ip netns exec fw iptables -S -v
ip netns exec fw iptables -Z INPUT 2
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables -A INPUT -c 7 700 -j DROP
ip netns exec fw iptables -I INPUT --set-counters 8 800 -j DROP
ip netns exec fw iptables -A INPUT -c 7 -j DROP; echo "status $?"
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables-restore <<'RULES'
*filter
[5:420] -A INPUT -p icmp -j ACCEPT
COMMIT
RULES
ip netns exec fw iptables-save -c | grep -v '^#'
