# ipset: elements of every type, ranges, ports and protocols, nomatch, tests; listed in the kernel's bucket order.
r() { ipset "$@"; echo "rc=$?"; }
ipset create h hash:ip initval 0x12345678
r add h 10.0.0.1
r add h 10.0.1.0/30
r add h 10.0.2.1-10.0.2.3
r add h 10.0.1.2
r add h 10.0.1.0/29
r -exist add h 10.0.1.0/29
ipset list h
r del h 10.0.1.0/30
r del h 10.0.2.1-10.0.2.3
ipset list h
ipset create n hash:ip netmask 24 initval 1
r add n 10.1.2.3
r add n 10.1.2.99
r test n 10.1.2.200
r add n 10.1.0.0/22
ipset list n
ipset create p hash:ip,port initval 1
for e in 10.0.0.1,80 10.0.0.1,udp:53 10.0.0.1,tcp:http 10.0.0.2,icmp:ping 10.0.0.2,icmp:3/1 10.0.0.3,sctp:9 10.0.0.3,47:0 10.0.0.3,gre 10.0.0.4 10.0.0.8/31,1-2 10.0.0.9,udp:1-2,3 10.0.0.9,0:0 10.0.0.9,foo:1 10.0.0.9,udp:99999 10.0.0.9,icmp:foo 10.0.0.9,icmp:0/0 10.0.0.9,icmp:pong 10.0.0.9,icmp:5/3 10.0.0.9,udplite:7 10.0.0.9,ospf:0 10.0.0.9,253:0 10.0.0.9,www 10.0.0.9,udp:domain 10.0.0.9,tcp:8080-8081; do
  echo "add $e"; r add p $e
done
ipset list p
r test p 10.0.0.1,80
r test p 10.0.0.1,udp:80
r test p 10.0.0.2,icmp:echo-request
ipset create ppi hash:ip,port,ip initval 1 counters
r add ppi 10.0.0.1,80,10.0.0.2
r add ppi 10.0.0.1,80,10.0.0.2 packets 5 bytes 500 -exist
r add ppi 10.0.0.1,80
ipset list ppi
ipset create ppn hash:ip,port,net initval 1
r add ppn 10.0.0.1,80,192.168.0.0/16
r add ppn 10.0.0.1,80,192.168.1.1
r add ppn 10.0.0.1,80,192.168.2.0/24 nomatch
r add ppn 10.0.0.1,udp:53,172.16.0.0-172.16.0.9
r test ppn 10.0.0.1,80,192.168.2.7
r test ppn 10.0.0.1,80,192.168.3.7
r test ppn 10.0.0.1,80,192.168.1.1
ipset list ppn
ipset create net hash:net initval 1
r add net 10.0.0.0/8
r add net 10.1.0.0/16 nomatch
r add net 0.0.0.0/0
r add net 1.2.3.4
r add net 1.2.3.4/32
r add net 5.5.5.5/31
r add net 1.2.3.0-1.2.3.9
r test net 10.2.3.4
r test net 10.1.3.4
r test net 10.1.0.0/16
r test net 1.2.3.9
r del net 10.1.0.0/16
r test net 10.1.3.4
ipset list net
ipset create bp bitmap:port range 1000-2000
r add bp 1500
r add bp 1600-1602
r add bp 999
r add bp 2000-2001
r add bp 70000
r test bp 1601
r test bp 1700
r del bp 1601
ipset list bp
