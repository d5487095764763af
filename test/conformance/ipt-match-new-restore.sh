# The matches quota, connbytes, connlimit, cpu, helper, rpfilter, tcpmss and devgroup through
# iptables-restore: what iptables-save prints reads back to the same rules, and a bad option names
# the line.
cat > /tmp/ipt-match-new.rules <<'RULES'
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -m rpfilter --invert --validmark -j DROP
-A PREROUTING -m rpfilter
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m quota ! --quota 1000
-A INPUT -m connbytes ! --connbytes 10:20 --connbytes-dir reply --connbytes-mode avgpkt
-A INPUT -p tcp --syn -m connlimit --connlimit-above 3 --connlimit-mask 24 -j REJECT --reject-with tcp-reset
-A INPUT -m cpu ! --cpu 1
-A INPUT -m helper --helper "a b"
-A INPUT -p tcp -m tcpmss --mss 1000:1460
-A FORWARD -m devgroup --src-group 0 ! --dst-group 0x3/0xf
COMMIT
RULES
iptables-restore < /tmp/ipt-match-new.rules; echo "rc=$?"
saved=$(iptables-save | grep -v '^#')
echo "$saved"
echo "$saved" | iptables-restore; echo "rc=$?"
[ "$saved" = "$(iptables-save | grep -v '^#')" ] && echo same
printf '*filter\n-A INPUT -m quota --quota 5\n-A INPUT -m connlimit --connlimit-mask 8\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -m cpu --cpu 1\n-A OUTPUT -m devgroup --src-group 1\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -m tcpmss --mss 5\nCOMMIT\n' | iptables-restore; echo "rc=$?"
iptables -S INPUT
