# -m hashlimit: rates, modes, bursts, byte rates and rate-match as iptables 1.8.9 saves and lists them (with the defaults it adds).
t() { echo "\$ $*"; "$@"; echo "rc=$?"; }
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name foo
t iptables -A INPUT -m hashlimit --hashlimit-above 5/min --hashlimit-name bar --hashlimit-mode srcip,dstport --hashlimit-burst 10
t iptables -A INPUT -m hashlimit --hashlimit 5 --hashlimit-name old
t iptables -A INPUT -m hashlimit --hashlimit-upto 5/hour --hashlimit-name x --hashlimit-mode srcip --hashlimit-srcmask 24 --hashlimit-htable-size 100 --hashlimit-htable-max 200 --hashlimit-htable-expire 3000 --hashlimit-htable-gcinterval 500
t iptables -A INPUT -m hashlimit --hashlimit-upto 1000/sec --hashlimit-name y --hashlimit-mode srcip,srcport,dstip,dstport --hashlimit-dstmask 16
t iptables -A INPUT -m hashlimit --hashlimit-upto 5kb/s --hashlimit-name bytes
t iptables -A INPUT -m hashlimit --hashlimit-upto 1mb/s --hashlimit-name bytes2 --hashlimit-burst 2mb
t iptables -A INPUT -m hashlimit --hashlimit-upto 512b/m --hashlimit-name bytes3
t iptables -A INPUT -m hashlimit --hashlimit-upto 7/day --hashlimit-name d --hashlimit-rate-match --hashlimit-rate-interval 5
t iptables -A INPUT -m hashlimit --hashlimit-upto 3/s --hashlimit-name inv -j DROP
t iptables -S INPUT
t iptables -L INPUT
t iptables -L INPUT -v -n
iptables-save | grep -v '^#'
