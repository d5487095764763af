# -m recent: commands, modifiers and their errors; the name, mask and side 1.8.9 always saves.
t() { echo "\$ $*"; "$@"; echo "rc=$?"; }
t iptables -A INPUT -m recent --set
t iptables -A INPUT -m recent --name foo --rcheck --seconds 60 --hitcount 3
t iptables -A INPUT -m recent --name foo --update --seconds 60 --reap --rttl --rdest
t iptables -A INPUT -m recent --remove --name bar --rsource
t iptables -A INPUT -m recent ! --rcheck --name x --mask 255.255.255.0
t iptables -A INPUT -m recent --set --name y --mask 255.0.255.0 -j DROP
t iptables -A INPUT -m recent --rcheck --name z --mask 24
t iptables -A INPUT -m recent
t iptables -A INPUT -m recent --set --rcheck
t iptables -A INPUT -m recent --rcheck --seconds 0
t iptables -A INPUT -m recent --rcheck --seconds -1
t iptables -A INPUT -m recent --rcheck --seconds abc
t iptables -A INPUT -m recent --set --seconds 5
t iptables -A INPUT -m recent --rcheck --hitcount 21
t iptables -A INPUT -m recent --rcheck --hitcount 20
t iptables -A INPUT -m recent --rcheck --hitcount 256
t iptables -A INPUT -m recent --rcheck --hitcount 0
t iptables -A INPUT -m recent --rcheck --reap
t iptables -A INPUT -m recent --rcheck --reap --seconds 5
t iptables -A INPUT -m recent --set --reap --seconds 5
t iptables -A INPUT -m recent --rcheck --rsource --rdest
t iptables -A INPUT -m recent --rcheck --name ""
t iptables -A INPUT -m recent --rcheck --name "a/b"
t iptables -A INPUT -m recent --rcheck --name "abcdefghijklmnopqrstuvwxyz0123456789abc"
t iptables -A INPUT -m recent --rcheck --name "abcdefghijklmnopqrstuvwxyz01234"
t iptables -A INPUT -m recent --rcheck --name "abcdefghijklmnopqrstuvwxyz012345"
t iptables -A INPUT -m recent --rcheck --name "a b"
t iptables -A INPUT -m recent --rcheck --mask 1.2.3.400
t iptables -A INPUT -m recent --rcheck --name a --name b
t iptables -A INPUT -m recent --rcheck ! --name a
t iptables -A INPUT -m recent ! --set
t iptables -A INPUT -m recent --rcheck --rttl
t iptables -A INPUT -m recent --set --rttl
t iptables -A INPUT -m recent --rcheck --seconds 4294967295
t iptables -A INPUT -m recent --rcheck --seconds 4294967296
t iptables -A INPUT -m recent --rcheck --hitcount 4294967295
t iptables -A INPUT -m recent --rcheck --hitcount 65536
t iptables -A INPUT -m recent --rcheck --hitcount 65535
t iptables -A INPUT -m recent --rcheck --hitcount 4294967296
t iptables -A INPUT -m recent --rcheck --hitcount -1
t iptables -A INPUT -m recent --rcheck --mask localhost --name lh
t iptables -A INPUT -m recent --rcheck --mask 10.1 --name m2
t iptables -A INPUT -m recent --rcheck --mask 0xff000000 --name m3
t iptables -A INPUT -m recent --rcheck --mask 1.2.3.4/8 --name m4
t iptables -A INPUT -m recent --rcheck --rdest --rsource --name m5
t iptables -A INPUT -m recent --rcheck --rttl --rttl --name m6
t iptables -A INPUT -m recent --update ! --rcheck
t iptables -A INPUT -m recent --rcheck ! --seconds 5
t iptables -A INPUT -m recent --remove --hitcount 2
t iptables -A INPUT -m recent --remove --rttl
t iptables -A INPUT -m recent --set --hitcount 0 --name h0
t iptables -A INPUT -m recent --rcheck --reap --seconds 3 --name ok
t iptables -A INPUT -m recent --rcheck --reap --seconds 3 --reap --name ok
t iptables -S INPUT
t iptables -L INPUT
t iptables -L INPUT -v -n
