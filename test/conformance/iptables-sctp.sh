# The sctp match as iptables 1.8.9 parses, saves and lists it (kube-proxy writes `-m sctp -p sctp`
# for SCTP service ports): ports (unlike tcp, 0:65535 survives in iptables-save, since iptables-nft
# keeps the xt match), chunk types with flags (flags on I_DATA are stored under the names-table
# index, so never printed), the parse errors, and the kernel's EINVAL without `-p sctp`.
iptables -t nat -N KUBE-SEP-X
iptables -t nat -A KUBE-SEP-X -m sctp -p sctp -j DNAT --to-destination 10.0.0.1:80
iptables -t nat -A KUBE-SEP-X -m sctp -p sctp -d 10.96.0.1 --dport 80 -j DNAT --to-destination 10.0.0.1:80
iptables -A INPUT -p sctp --dport 80 -j ACCEPT
iptables -A INPUT -p sctp --sport 1:100 ! --dport 80:90 -j ACCEPT
iptables -A INPUT -p sctp --source-port 5 --destination-port 6 -j ACCEPT
iptables -A INPUT -p sctp --dport 0:65535 -j ACCEPT
iptables -A INPUT -p sctp -m sctp --sport 0:65535 -j ACCEPT
iptables -A INPUT -p sctp -m sctp ! --sport 80 -j ACCEPT
iptables -A INPUT -p sctp --dport :80 -j ACCEPT
iptables -A INPUT -p sctp --sport 80: -j ACCEPT
iptables -A INPUT -p sctp --dport amqp -j ACCEPT
iptables -A INPUT -p SCTP --dport 81 -j ACCEPT
iptables -A INPUT -p 132 --dport 82 -j ACCEPT
iptables -A INPUT -p sctp -m sctp --dport 5 -m sctp --sport 6 -j ACCEPT
for c in "any DATA,INIT" "all INIT" "only DATA:Be" "any I_DATA" "any PAD,RE_CONFIG,I_FORWARD_TSN" "any ASCONF_ACK,ASCONF,FORWARD_TSN" "all ALL" "any NONE" "only data,init" "any all" "any DATA:IUBE" "any ABORT:T,SHUTDOWN_COMPLETE:t,DATA:I,DATA:u" "any ABORT:T,SHUTDOWN_COMPLETE:t,DATA:I,I_DATA:u,HEARTBEAT" "any ABORT:T,SHUTDOWN_COMPLETE:t,DATA:I,I_DATA:u,ABORT:t" "any DATA:x" "any ABORT:T,SHUTDOWN_COMPLETE:t,DATA:I,I_DATA:u,SACK:x" "foo INIT" "any BOGUS"; do
  iptables -A INPUT -p sctp -m sctp --chunk-types $c -j ACCEPT
  echo "[$c] $?"
done
iptables -A INPUT -p sctp -m sctp ! --chunk-types all INIT -j ACCEPT
iptables -A INPUT -p sctp -m sctp --chunk-types any
echo "missing $?"
iptables -A INPUT -p sctp -m sctp --chunk-types any -j ACCEPT
echo "missing before -j $?"
iptables -A INPUT -p sctp -m sctp --chunk-types any DATA --chunk-types any INIT -j ACCEPT
echo "twice $?"
iptables -A INPUT -p sctp --dport 80 --dport 81 -j ACCEPT
echo "two dports $?"
iptables -A INPUT -p sctp --dport 99999 -j ACCEPT
echo "bad port $?"
iptables -A INPUT -p sctp --dport http -j ACCEPT
echo "no sctp service $?"
iptables -A INPUT -p sctp --dport 90:80 -j ACCEPT
echo "reversed $?"
iptables -A INPUT -m sctp --dport 80 -j ACCEPT
echo "no -p $?"
iptables -A INPUT -p tcp -m sctp --dport 80 -j ACCEPT
echo "-p tcp $?"
iptables -A INPUT ! -p sctp --dport 80 -j ACCEPT
echo "! -p sctp $?"
iptables -A INPUT -p sctp -j ACCEPT
iptables -t nat -A OUTPUT -p sctp -j DNAT --to-destination 1.2.3.4:80
iptables -t nat -A OUTPUT -p sctp -d 1.1.1.1 -j REDIRECT --to-ports 80
iptables-save | grep -v '^#'
iptables -S INPUT
iptables -L INPUT -n -v
iptables -L INPUT
iptables -t nat -L -n
iptables -C INPUT -p sctp -m sctp --dport 5672 -j ACCEPT
echo "check $?"
iptables -D INPUT -p sctp --dport 5672 -j ACCEPT
echo "delete $?"
iptables-restore --noflush <<'R'
*nat
:KUBE-SVC-Y - [0:0]
-A KUBE-SVC-Y -m comment --comment "ns/svc:p cluster IP" -m sctp -p sctp -d 10.96.0.2 --dport 7777 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
COMMIT
R
echo "restore $?"
iptables-save -t nat | grep KUBE-SVC-Y
