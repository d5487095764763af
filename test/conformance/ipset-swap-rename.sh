# ipset: swap, rename and destroy; references from list:set and from iptables rules.
r() { ipset "$@"; echo "rc=$?"; }
ipset create a hash:ip initval 1
ipset create b hash:net initval 2
ipset create c hash:ip initval 3
ipset add a 1.1.1.1
ipset add c 2.2.2.2
r swap a b
r swap a c
ipset list a c
r rename a a2
r rename a2 c
r rename nosuch x
ipset list -n
ipset create l list:set
r add l a2
r add l a2
r add l nosuch
r add l l
r add l c before a2
r add l b after nosuch
r add l b after c
ipset list l
r test l a2
r test l b
r test l b after c
r test l a2 before c
r del l c before a2
r del l c after b
r del l nosuch
ipset list -t a2 | grep References
r rename a2 a3
r destroy a2
r destroy
ipset list -n
r destroy l
ipset list -t a2 | grep References
iptables -A INPUT -m set --match-set a2 src -j ACCEPT
iptables -A INPUT -j SET --add-set c src --del-set a2 dst
ipset list -t a2 | grep References
ipset list -t c | grep References
r destroy a2
r rename c c2
r swap a2 c
iptables -S INPUT
ipset list a2 | tail -1
r flush a2
iptables -F INPUT
r destroy a2
r destroy
ipset list -n
