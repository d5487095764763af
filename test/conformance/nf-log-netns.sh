# LOG outside init_net: rules match and count, but the kernel log gets nothing (init_net's nf_log_all_netns is 0).
ip netns add a
ip -n a link set lo up
ip netns exec a iptables -A OUTPUT -p icmp -j LOG --log-prefix "podpath-nflog-test: "
ip netns exec a iptables -A INPUT -p icmp --icmp-type echo-reply -j LOG --log-level debug --log-prefix "podpath-nflog-test: "
ip link set lo up
iptables -A OUTPUT -j LOG --log-prefix "podpath-nflog-test: " --log-ip-options
ip netns exec a ping -c 2 -i 0.2 127.0.0.1 | grep -v rtt
ping -c 1 127.0.0.1 | grep -v rtt
ip netns exec a iptables -L -v -x -n
iptables -L OUTPUT -v -x -n
dmesg | grep -c "podpath-nflog-test"
dmesg -l warn,debug | grep -c "podpath-nflog-test"
# The switch lives only in init_net: a lab namespace has no such sysctl.
sysctl net.netfilter.nf_log_all_netns
ip netns exec a sysctl net.netfilter.nf_log_all_netns
