# /proc/net/xt_recent/NAME: one file per list while a rule names it; +ADDR, -ADDR and / written to it, and what is refused.
show() { awk '{print $1, $2, $3, $6, $7, NF - 7 " stamps"}' /proc/net/xt_recent/$1 | sort; }
iptables -A INPUT -m recent --rcheck --seconds 3 --reap --name ok
iptables -A INPUT -m recent --rcheck --name m3 --mask 255.0.0.0
iptables -A INPUT -m recent --set --name big --hitcount 0
for n in DEFAULT ok m3 big; do [ -e /proc/net/xt_recent/$n ] && echo "has $n" || echo "no $n"; done
cat /proc/net/xt_recent/ok; echo "rc=$?"
echo +1.2.3.4 > /proc/net/xt_recent/ok; echo "rc=$?"
echo +1.2.3.5 > /proc/net/xt_recent/ok; echo "rc=$?"
echo +1.2.3.5 > /proc/net/xt_recent/ok; echo "rc=$?"
show ok
echo -1.2.3.4 > /proc/net/xt_recent/ok; echo "rc=$?"
echo -9.9.9.9 > /proc/net/xt_recent/ok; echo "rc=$?"
show ok
echo 1.2.3.4 > /proc/net/xt_recent/ok; echo "rc=$?"
echo +1.2.3 > /proc/net/xt_recent/ok; echo "rc=$?"
echo +1.2.3.4x > /proc/net/xt_recent/ok; echo "rc=$?"
echo +256.2.3.4 > /proc/net/xt_recent/ok; echo "rc=$?"
echo "+4.4.4.4 extra" > /proc/net/xt_recent/ok; echo "rc=$?"
echo "" > /proc/net/xt_recent/ok; echo "rc=$?"
echo / > /proc/net/xt_recent/ok; echo "rc=$?"
show ok
printf '+3.3.3.3' > /proc/net/xt_recent/ok; echo "rc=$?"
printf '+5.5.5.5\n+6.6.6.6\n' > /proc/net/xt_recent/ok; echo "rc=$?"
echo "+::1" > /proc/net/xt_recent/ok; echo "rc=$?"
echo "+fe80::1:2" > /proc/net/xt_recent/ok; echo "rc=$?"
show ok
echo +1.2.3.4 > /proc/net/xt_recent/nope; echo "rc=$?"
cat /proc/net/xt_recent/nope; echo "rc=$?"
# The mask is applied to packets, not to addresses written here.
echo +10.1.2.3 > /proc/net/xt_recent/m3; echo "rc=$?"
show m3
echo "== a rule with a larger --hitcount resizes the list and empties it"
echo +7.7.7.7 > /proc/net/xt_recent/big
show big
iptables -A INPUT -m recent --rcheck --name big --hitcount 40
show big
echo "== the file goes with the last rule naming the list"
iptables -D INPUT -m recent --rcheck --seconds 3 --reap --name ok
cat /proc/net/xt_recent/ok; echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name ok
show ok
echo "== a restore keeping the name keeps the list"
echo +8.8.8.8 > /proc/net/xt_recent/ok
iptables-save | iptables-restore
show ok
iptables -F INPUT
for n in ok m3 big; do [ -e /proc/net/xt_recent/$n ] && echo "has $n" || echo "no $n"; done
