# Help and version texts: iptables -h with each loaded extension's help, -V, iptables-save -V.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -h
x iptables --help | head -3
x iptables --he | tail -2
x iptables -V
x iptables --version
x iptables --vers
x iptables ! -V
x iptables -A INPUT -j ACCEPT -V
x iptables -L -h | wc -l
for m in tcp udp icmp multiport addrtype comment connmark iprange length limit mac mark owner physdev pkttype statistic conntrack state; do
  ip netns exec fw iptables -m $m -h | tail -n +69
done
for t in REJECT LOG MARK CONNMARK DNAT SNAT MASQUERADE REDIRECT NOTRACK CT TOS TTL TRACE ACCEPT DROP RETURN; do
  ip netns exec fw iptables -j $t -h | tail -n +69
done
x iptables -p icmp -h | tail -n +69 | head -3
x iptables -p tcp -m udp -h | tail -n +69 | head -2
x iptables -m udp -j REJECT -h | grep options
x iptables -p udp -j ACCEPT -h | grep options
x iptables -p all -h | tail -n +69
x iptables -p 6 -h | tail -n +69
x iptables -p TCP -h | tail -n +69 | head -2
x iptables -p tcp --dport 80 -h | tail -n +69 | head -2
x iptables -j MYCHAIN -h | tail -n +69
x iptables -h -m tcp | tail -n +69
x iptables -A INPUT -m foo -h
x iptables-save -V
x iptables-save --version
x iptables-save --v
x iptables-save -h
x iptables-save --help
