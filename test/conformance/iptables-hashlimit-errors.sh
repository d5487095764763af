# -m hashlimit: option errors (userspace), refused configurations (kernel checkentry) and what the accepted ones become.
t() { echo "\$ $*"; "$@"; echo "rc=$?"; }
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec
t iptables -A INPUT -m hashlimit --hashlimit-name foo
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-above 3/sec --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/fortnight --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 0 --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto abc --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/ --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 2000000/sec --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 1000000/sec --hashlimit-name a
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-mode foo
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-mode srcip,,dstip
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst 0
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst 1000001
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst 1000000
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst 5k
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst abc
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-srcmask 33
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-srcmask abc
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-size -1
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-size x
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name ""
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name 'a b'
t iptables -A INPUT -m hashlimit ! --hashlimit-upto 5/sec --hashlimit-name inv1
t iptables -A INPUT -m hashlimit ! --hashlimit-above 5/sec --hashlimit-name inv2
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-name b
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-rate-interval 0
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a ! --hashlimit-mode srcip
t iptables -A INPUT -m hashlimit --hashlimit-upto 5kb/s --hashlimit-name a --hashlimit-burst 1kb
t iptables -A INPUT -m hashlimit --hashlimit-upto 5kb/s --hashlimit-name kb2 --hashlimit-burst 12k
t iptables -A INPUT -m hashlimit --hashlimit-upto 5kb/s --hashlimit-name kb3 --hashlimit-burst 12000
t iptables -A INPUT -m hashlimit --hashlimit-upto 100b/s --hashlimit-name kb4
t iptables -A INPUT -m hashlimit --hashlimit-upto 5000mb/s --hashlimit-name kb5
t iptables -A INPUT -m hashlimit --hashlimit-upto 1000b/s --hashlimit-name kb6
t iptables -A INPUT -m hashlimit --hashlimit-upto 3/min --hashlimit-name r1 --hashlimit-rate-match
t iptables -A INPUT -m hashlimit --hashlimit-upto 3/min --hashlimit-name r2 --hashlimit-rate-interval 7
t iptables -A INPUT -m hashlimit --hashlimit-upto 10kb/s --hashlimit-name r3 --hashlimit-rate-match
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-expire 0
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-gcinterval 0
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-mode srcip --hashlimit-srcmask 0
t iptables -A INPUT -m hashlimit --hashlimit-upto 1/day --hashlimit-name day
t iptables -A INPUT -m hashlimit --hashlimit-upto 7/h --hashlimit-name h7
t iptables -A INPUT -m hashlimit --hashlimit-upto 90/min --hashlimit-name m90
t iptables -A INPUT -m hashlimit --hashlimit-upto 3/sec --hashlimit-name m3 --hashlimit-mode dstport,srcip --hashlimit-htable-expire 1000
t iptables -S INPUT
t iptables -L INPUT -n
