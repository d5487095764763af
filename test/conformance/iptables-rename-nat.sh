# A renamed nat base chain keeps translating: nf_nat_inet_fn walks every nat
# chain on the hook until one made the binding. Filter OUTPUT counts where
# the echo requests went after nat OUTPUT.
ip netns add fw
ip netns exec fw ip link set lo up
ip netns exec fw ip route add 10.9.9.9 dev lo
ip netns exec fw iptables -A OUTPUT -d 127.0.0.1 -p icmp --icmp-type echo-request
ip netns exec fw iptables -A OUTPUT -d 127.0.0.2 -p icmp --icmp-type echo-request
ip netns exec fw iptables -A OUTPUT -d 10.9.9.9 -p icmp --icmp-type echo-request
ip netns exec fw iptables -t nat -A OUTPUT -d 10.9.9.9 -p icmp -j DNAT --to-destination 127.0.0.1
ip netns exec fw ping -c1 -W 0.2 10.9.9.9 >/dev/null
ip netns exec fw iptables -t nat -E OUTPUT OUT; echo "status $?"
ip netns exec fw iptables -t nat -E PREROUTING PRE; echo "status $?"
ip netns exec fw iptables -t nat -S
ip netns exec fw iptables -t nat -L -n
ip netns exec fw iptables-save -t nat | grep -v '^# [GC]'
ip netns exec fw iptables -S
ip netns exec fw ping -c1 -W 0.2 10.9.9.9 >/dev/null
ip netns exec fw iptables -L OUTPUT -n -v -x
# A new nat OUTPUT runs first: its own DNAT makes the binding, OUT is skipped.
ip netns exec fw iptables -t nat -A OUTPUT -d 10.9.9.9 -p icmp -j DNAT --to-destination 127.0.0.2
ip netns exec fw ping -c1 -W 0.2 10.9.9.9 >/dev/null
ip netns exec fw iptables -L OUTPUT -n -v -x
ip netns exec fw iptables -t nat -L OUTPUT -n -v -x
# One that makes no binding lets the packet go on to OUT.
ip netns exec fw iptables -t nat -R OUTPUT 1 -d 10.9.9.9 -p icmp -j ACCEPT
ip netns exec fw ping -c1 -W 0.2 10.9.9.9 >/dev/null
ip netns exec fw iptables -L OUTPUT -n -v -x
ip netns exec fw iptables -t nat -E POSTROUTING POST; echo "status $?"
ip netns exec fw iptables -t nat -E OUTPUT OUT; echo "status $?"
