# ipset: create every type with its options, then list (plain, -n, -t, -o save) and save.
ipset create hip hash:ip initval 0x1 hashsize 100 maxelem 1000
ipset create hnm hash:ip netmask 24 initval 0x2 timeout 60 counters comment
ipset create hipp hash:ip,port initval 0x3 hashsize 0
ipset create hippi hash:ip,port,ip initval 0x4 counters
ipset create hippn hash:ip,port,net initval 0x5 maxelem 0
ipset create hnet hash:net initval 0x6 hashsize 4096 bucketsize 5
ipset create bp bitmap:port range 1000-2000 timeout 5 counters comment
ipset create bp2 bitmap:port range 10-5
ipset create ls list:set size 2
ipset create ls2 list:set timeout 100 counters
ipset list
echo "rc=$?"
ipset list -n
ipset -t list hnet
ipset list -o save hippn
ipset save
ipset -n list hipp
ipset n old iphash initval 7
ipset -N old2 nethash initval 8
ipset list -t old old2 2>&1
echo "rc=$?"
ipset l -t old2
