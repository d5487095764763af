# iptables -E on a built-in chain (1.8.9 nf_tables): the base chain is renamed
# and keeps its hook, out of iptables' sight ("incompatible base-chains").
ip netns add fw
ip netns exec fw ip link set lo up
# No table yet: there is no INPUT to rename, but a built-in name always exists.
ip netns exec fw iptables -E INPUT FOO; echo "status $?"
ip netns exec fw iptables -E nosuch INPUT; echo "status $?"
ip netns exec fw iptables -A INPUT -p icmp -j DROP
ip netns exec fw iptables -A OUTPUT -s 127.0.0.1 -p icmp -j DROP
ip netns exec fw iptables -E FORWARD BAR; echo "status $?"
ip netns exec fw iptables -E INPUT OUTPUT; echo "status $?"
ip netns exec fw iptables -E OUTPUT FOO; echo "status $?"
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n -v
ip netns exec fw iptables -S OUTPUT
ip netns exec fw iptables -L OUTPUT 1 -n; echo "status $?"
ip netns exec fw iptables-save | grep -v '^# [GC]'
ip netns exec fw iptables-save -t nat | grep -v '^# [GC]'
# The renamed chain: not listable, not editable, not renamed back.
ip netns exec fw iptables -L FOO -n; echo "status $?"
ip netns exec fw iptables -S FOO; echo "status $?"
ip netns exec fw iptables -A FOO -j ACCEPT; echo "status $?"
ip netns exec fw iptables -P FOO DROP; echo "status $?"
ip netns exec fw iptables -E FOO OUTPUT; echo "status $?"
ip netns exec fw iptables -E FOO BAR; echo "status $?"
# The kernel still has the name.
ip netns exec fw iptables -N FOO; echo "status $?"
ip netns exec fw iptables -N u
ip netns exec fw iptables -E u FOO; echo "status $?"
ip netns exec fw iptables -A u -j FOO; echo "status $?"
# It still drops at OUTPUT.
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
# A new OUTPUT is a hook of its own, run first: it counts the packet FOO then drops.
ip netns exec fw iptables -A OUTPUT -p icmp -j ACCEPT
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
ip netns exec fw iptables -L OUTPUT -n -v -x
# -F -v flushes the chains iptables lists; plain -F sends one DELRULE for the whole table.
ip netns exec fw iptables -v -F
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
ip netns exec fw iptables -F
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
ip netns exec fw iptables -X
ip netns exec fw iptables -S
# A second rename of the recreated chain; iptables-restore makes the table anew.
ip netns exec fw iptables -P OUTPUT DROP
ip netns exec fw iptables -E OUTPUT FOO; echo "status $?"
ip netns exec fw iptables -E OUTPUT FOO2; echo "status $?"
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
ip netns exec fw iptables -L -n
ip netns exec fw iptables-restore <<'RULES'
*filter
COMMIT
RULES
ip netns exec fw iptables -S
ip netns exec fw ping -c1 -W 0.2 127.0.0.1 | grep transmitted
