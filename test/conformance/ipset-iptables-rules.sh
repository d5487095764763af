# iptables -m set and -j SET: option parsing, errors, -S, -L and iptables-save output.
r() { iptables "$@"; echo "rc=$?"; }
ipset create t hash:ip
ipset create s2 hash:net
r -A INPUT -m set --match-set nosuch src -j ACCEPT
r -A INPUT -m set --match-set t src -j ACCEPT
r -A INPUT -m set ! --match-set t src,dst -j DROP
r -A INPUT -m set --match-set t dst,src,src --return-nomatch ! --update-counters ! --update-subcounters --packets-gt 5 --bytes-lt 100
r -A INPUT -m set --match-set t dst --update-counters --update-subcounters
r -A INPUT -m set --match-set t src --packets-eq 3 --bytes-gt 10
r -A INPUT -m set --match-set t src --packets-lt 3 ! --bytes-eq 10
r -A INPUT -m set --match-set t dst --packets-gt 5 --packets-lt 6
r -A INPUT -m set ! --match-set t dst ! --packets-gt 5
r -A INPUT -m set --match-set t dst --match-set t src
r -A INPUT -m set --match-set t src,dst,src,dst,src,dst,src
r -A INPUT -m set --match-set t foo
r -A INPUT -m set --match-set t
r -A INPUT -m set
r -A INPUT -j SET --add-set t src
r -A INPUT -j SET --add-set t src --exist --timeout 10
r -A INPUT -j SET --del-set t src,dst
r -A INPUT -j SET --add-set nosuch src
r -A INPUT -j SET
r -A INPUT -j SET --add-set t src --del-set s2 dst
r -A INPUT -j SET --add-set t dst --timeout 0
r -A INPUT -j SET --del-set t dst --exist
r -A INPUT -j SET --add-set t src,src,src,src,src,src,src
r -S
r -L -n -v
iptables-save | grep -v '^#'
ipset list -t t | grep References
ipset list -t s2 | grep References
iptables -F
ipset list -t t | grep References
printf '*filter\n-A INPUT -m set --match-set t src -j DROP\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n-A INPUT -m set --match-set nosuch src -j DROP\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables -S INPUT
ipset list -t t | grep References
