# ipset: `Size in memory:` and listing order as buckets fill, grow, resize and empty (fixed initval).
size() { ipset list -t "$1" | grep -E 'Size|entries|Header'; }
ipset create s hash:ip hashsize 64 initval 0x9e3779b9
for i in $(seq 1 40); do ipset add s 10.0.$i.1; done
size s
ipset list s | tail -n 40 | head -12
for i in $(seq 1 40 | awk 'NR % 3 == 0'); do ipset del s 10.0.$i.1; done
size s
ipset add s 10.1.0.0/24
size s
ipset list s | tail -n +9 | head -5
ipset flush s
size s
ipset create c hash:ip,port comment initval 7
ipset add c 1.1.1.1,80 comment "abc"
ipset add c 1.1.1.2,80 comment "a longer comment"
size c
ipset -exist add c 1.1.1.1,80 comment "x"
size c
ipset del c 1.1.1.2,80
size c
ipset create b bitmap:port range 0-65535 counters comment
ipset add b 0-9 comment hi
size b
ipset create l list:set counters comment
ipset add l b comment "member"
ipset add l c
size l
