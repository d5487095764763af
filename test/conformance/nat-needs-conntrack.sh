# A nat chain alone does not turn conntrack on: its rules count nothing
# until a conntrack match (or a NAT target) takes a reference.
ip link set lo up
iptables -t nat -A PREROUTING -p icmp
iptables -t nat -A OUTPUT -p icmp
iptables -t nat -A POSTROUTING -p icmp
ping -c 2 -i 0.2 127.0.0.1 > /dev/null
iptables-save -c -t nat | grep -v '^#'
conntrack -L 2>&1 | sed 's/ [0-9]* src/ T src/'
iptables -A INPUT -m conntrack --ctstate NEW
ping -c 2 -i 0.2 127.0.0.1 > /dev/null
iptables-save -c -t nat | grep -v '^#'
