# Options that change nothing in the ruleset: -w/-W, -4/-6, -M/--modprobe, -b, and their errors.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -A INPUT -s 10.1.1.1 -j ACCEPT
x iptables -4 -S INPUT
x iptables --ipv4 -S INPUT
x iptables -6 -S INPUT
x iptables -S INPUT -6
x iptables --ipv6 -L
x iptables -A INPUT -6 -j DROP
x iptables -w -S INPUT
x iptables -w 5 -S INPUT
x iptables -w5 -S INPUT
x iptables --wait -S INPUT
x iptables --wait=2 -S INPUT
x iptables --wait 3 -S INPUT
x iptables -w 0 -S INPUT
x iptables -w foo -S INPUT
x iptables -w -1 -S INPUT
x iptables -w 0x10 -A INPUT -j DROP
x iptables -W 1000 -S INPUT
x iptables -w0 -W 10 -S INPUT
x iptables -w -W 10 -S INPUT
x iptables -W -S INPUT
x iptables -W 1000000 -w -S INPUT
x iptables -W 999999 -w -S INPUT
x iptables -W abc -w -S INPUT
x iptables --wait-interval=5 --wait -S INPUT
x iptables --modprobe=/bin/true -S INPUT
x iptables --modprobe /bin/true -S INPUT
x iptables -M /bin/true -S INPUT
x iptables -M -S INPUT
x iptables --modprobe -S INPUT
x iptables -b -S INPUT
x iptables -e
x iptables -0
x iptables -A INPUT -j ACCEPT -b
x iptables -t nat -A PREROUTING -j DROP -W 5
x iptables -t nat -A PREROUTING -m statistic -j DROP
x iptables -t nat -P PREROUTING DROP
x iptables -t nat -P PREROUTING ACCEPT -W 1
x iptables -S
