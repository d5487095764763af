# DSCP, CLASSIFY, TCPMSS, CHECKSUM, NFLOG, NFQUEUE and TEE through iptables-restore: the rules iptables-save prints read back unchanged, a target in a table the kernel refuses fails the whole commit, a bad option names its line.
ip netns add a
r() { ip netns exec a iptables-restore "$@"; echo "status $?"; }
r <<'EOF2'
*mangle
-A PREROUTING -j DSCP --set-dscp-class EF
-A PREROUTING -p udp -j CHECKSUM --checksum-fill
-A PREROUTING -s 10.0.0.2 -j TEE --gateway 10.0.1.3 --oif vc
-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
-A POSTROUTING -j CLASSIFY --set-class 1:10
-A POSTROUTING -p tcp -j TCPMSS --set-mss 1400
COMMIT
*filter
-A INPUT -j NFLOG --nflog-group 5 --nflog-prefix "in: " --nflog-size 64
-A INPUT -j NFQUEUE --queue-balance 2:5 --queue-bypass
-A OUTPUT -j NFQUEUE
COMMIT
EOF2
saved=$(ip netns exec a iptables-save | grep -v '^#')
echo "$saved"
echo "$saved" | r
[ "$(ip netns exec a iptables-save | grep -v '^#')" = "$saved" ] && echo same
r --noflush <<'EOF2'
*filter
-A INPUT -j DSCP --set-dscp 1
COMMIT
EOF2
r --noflush <<'EOF2'
*mangle
-A INPUT -j CLASSIFY --set-class 1:1
COMMIT
EOF2
r --noflush <<'EOF2'
*filter
-A INPUT -j NFQUEUE --queue-balance 3:1
COMMIT
EOF2
r --noflush <<'EOF2'
*mangle
-A OUTPUT -j TCPMSS --set-mss 1000
COMMIT
EOF2
ip netns exec a iptables -L -n -v
