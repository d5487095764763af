# -m helper: [!] --helper NAME as iptables 1.8.9 parses, lists and saves it, and how it matches when
# no conntrack helper is assigned (no CT --helper rule; automatic assignment is gone since Linux 6.0):
# never, always with `!`, even for a connection to the FTP port.
iptables -A OUTPUT -m helper --helper ftp
iptables -A OUTPUT -m helper ! --helper sip -j ACCEPT
iptables -A OUTPUT -m helper --helper ''
iptables -A OUTPUT -m helper --helper 'a b"c'
iptables -A OUTPUT -m helper --helper abcdefghijklmnopqrstuvwxyz0123456789
iptables -A OUTPUT -m helper --helper; echo "rc=$?"
iptables -A OUTPUT -m helper; echo "rc=$?"
iptables -A OUTPUT -m helper --helper a --helper b; echo "rc=$?"
iptables -L OUTPUT
iptables -L OUTPUT -n -v
iptables -S OUTPUT
iptables-save | grep -v '^#'
iptables -m helper -h | tail -2
iptables -D OUTPUT -m helper --helper ''; echo "rc=$?"
iptables -C OUTPUT -m helper ! --helper sip -j ACCEPT; echo "rc=$?"
iptables -C OUTPUT -m helper --helper abcdefghijklmnopqrstuvwxyz012; echo "rc=$?"
iptables -F OUTPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -m helper --helper ftp -j DROP
ip netns exec b iptables -A INPUT -m helper --helper ''
ip netns exec b iptables -A INPUT -m helper ! --helper ftp
ip netns exec b nc -l -p 21 < /dev/null > /dev/null &
sleep 0.2
echo hi | ip netns exec a nc -q0 -w1 10.0.0.2 21; echo "nc=$?"
wait
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v -x
