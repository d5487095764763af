# conntrack's global sizes are read-only outside the initial namespace:
# procps reports a stale EINVAL and exits 0, a shell redirection gets EACCES.
iptables -t nat -A PREROUTING -j ACCEPT
sysctl -w net.netfilter.nf_conntrack_max=10; echo "rc=$?"
sysctl -w net.netfilter.nf_conntrack_count=10; echo "rc=$?"
sysctl net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_count
echo 5 > /proc/sys/net/netfilter/nf_conntrack_max; echo "rc=$?"
sysctl -w net.netfilter.nf_conntrack_udp_timeout=20; echo "rc=$?"
