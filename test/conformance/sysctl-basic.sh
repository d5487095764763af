# sysctl read/write, forwarding propagation, per-device keys, errors.
ip link add zz type veth peer name Ab
sysctl net.ipv4.ip_forward
sysctl -n net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=1
sysctl net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.zz.forwarding net.ipv4.conf.all.accept_redirects
sysctl net.ipv4.ip_forward=0
sysctl -w net.ipv4.conf.default.rp_filter=2
sysctl net.ipv4.conf.zz.rp_filter
sysctl -w net/ipv4/conf/zz/rp_filter=1
sysctl -a 2>/dev/null | grep '^net.ipv4.conf.*rp_filter'
sysctl -a 2>/dev/null | grep '^net.ipv4.neigh.*ucast_solicit'
sysctl net.ipv4.nope
echo "missing: $?"
sysctl -e net.ipv4.nope
echo "ignored: $?"
sysctl -w net.ipv4.ip_forward=abc
echo "einval: $?"
sysctl -q -w net.ipv4.ip_forward=1
sysctl net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward
echo "syntax: $?"
sysctl net.ipv4.ip_local_port_range net.ipv4.ping_group_range
sysctl net.ipv4.conf.all
ip link set zz name yy
sysctl -a 2>/dev/null | grep 'conf.*\.forwarding'
ip link del yy
sysctl -a 2>/dev/null | grep 'neigh.*\.retrans_time_ms'
