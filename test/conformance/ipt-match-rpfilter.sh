# -m rpfilter: --loose, --validmark, --accept-local, --invert as iptables 1.8.9 parses, lists and
# saves them; only raw/mangle PREROUTING accept it (EINVAL elsewhere, also through a user chain);
# and the reverse path test on pings from a spoofed, a local and a proper source.
iptables -t raw -A PREROUTING -m rpfilter
iptables -t raw -A PREROUTING -m rpfilter --invert --loose
iptables -t mangle -A PREROUTING -m rpfilter --accept-local --validmark -j DROP
iptables -t raw -A PREROUTING -m rpfilter --invert --accept-local --validmark --loose
iptables -t raw -A PREROUTING -m rpfilter ! --loose; echo "rc=$?"
iptables -t raw -A PREROUTING -m rpfilter --loose --loose; echo "rc=$?"
iptables -t raw -A PREROUTING -m rpfilter ! --invert; echo "rc=$?"
iptables -t raw -A OUTPUT -m rpfilter; echo "rc=$?"
iptables -t mangle -A INPUT -m rpfilter; echo "rc=$?"
iptables -t mangle -A FORWARD -m rpfilter; echo "rc=$?"
iptables -A INPUT -m rpfilter; echo "rc=$?"
iptables -t nat -A PREROUTING -m rpfilter; echo "rc=$?"
iptables -t raw -N X
iptables -t raw -A X -m rpfilter; echo "rc=$?"
iptables -t raw -A PREROUTING -j X; echo "rc=$?"
iptables -t raw -A OUTPUT -j X; echo "rc=$?"
iptables -t raw -L
iptables -t raw -L -n -v
iptables -t raw -S
iptables -t mangle -S PREROUTING
iptables-save | grep -v '^#'
iptables -m rpfilter -h | tail -5
iptables -t raw -D PREROUTING -m rpfilter --loose --invert; echo "rc=$?"
iptables -t raw -C PREROUTING -m rpfilter --invert; echo "rc=$?"

ip netns add a
ip netns add b
ip netns add c
ip link add va netns a type veth peer name vb netns b
ip link add vc netns c type veth peer name vd netns b
for l in "a va" "b lo" "b vb" "b vd" "c vc"; do set -- $l; ip -n $1 link set $2 up; done
ip -n a addr add 10.0.0.1/24 dev va
ip -n a addr add 10.0.1.5/24 dev va
ip -n a addr add 10.9.9.9/32 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n b addr add 10.9.9.9/32 dev vb
ip -n b addr add 10.0.1.1/24 dev vd
ip -n c addr add 10.0.1.2/24 dev vc
ip -n b rule add fwmark 7 table 100
ip -n b route add 10.0.1.0/24 dev vb table 100
ip netns exec b iptables -t raw -A PREROUTING -i vb -s 10.0.1.5 -j MARK --set-mark 7
ip netns exec b iptables -t raw -A PREROUTING -i vb -m rpfilter
ip netns exec b iptables -t raw -A PREROUTING -i vb -m rpfilter --loose
ip netns exec b iptables -t raw -A PREROUTING -i vb -m rpfilter --validmark
ip netns exec b iptables -t raw -A PREROUTING -i vb -m rpfilter --accept-local
ip netns exec b iptables -t raw -A PREROUTING -i vb -m rpfilter --invert
ip netns exec b iptables -t raw -A PREROUTING -i lo -m rpfilter
ip netns exec b iptables -t mangle -A PREROUTING -i vb -p icmp -m rpfilter --invert -j DROP
show() { ip netns exec b iptables -t raw -L PREROUTING -n -v -x | tail -n +3; ip netns exec b iptables -t raw -Z; }
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
show
echo x | ip netns exec a nc -u -w0 -s 10.0.1.5 10.0.0.2 9
show
echo x | ip netns exec a nc -u -w0 -s 10.9.9.9 10.0.0.2 9
show
ip netns exec b ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
show
ip netns exec b iptables -t mangle -L PREROUTING -n -v -x
