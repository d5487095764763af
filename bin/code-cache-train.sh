# The training run of bin/bundle.mjs: what it runs, the code cache of the
# bundled CLI holds compiled (bin/bundle-loader.cjs). Common commands, and
# an iptables-restore of a kube-proxy-shaped dump (one line of each shape).
ip netns add a
ip link add veth0 type veth peer name veth1 netns a
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -n a addr add 10.0.0.2/24 dev veth1
ip -n a link set veth1 up
ip -n a link set lo up
ip addr show dev veth0 >/dev/null
ip route show >/dev/null
sysctl -w net.ipv4.ip_forward=1 >/dev/null
iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o veth0 -j MASQUERADE
iptables -S >/dev/null
iptables -L -n -v >/dev/null
# The file bundle.mjs names ($1): a `<` redirect of a host file hands its bytes over.
iptables-restore < "$1"
iptables-save >/dev/null
iptables-save -t nat | iptables-restore --noflush
ping -c 1 10.0.0.2 >/dev/null
ip netns exec a ping -c 1 -W 1 10.0.0.1 >/dev/null
