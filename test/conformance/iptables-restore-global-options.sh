# iptables-restore's -w/-W take their value as the next word when it looks like one
# (kube-proxy runs `iptables-restore -w 5 -W 100000 --noflush --counters`); -b and -M.
rules() { printf '*filter\n:FOO - [0:0]\n-A FOO -j ACCEPT\nCOMMIT\n'; }
for opts in "-w 5 -W 100000 --noflush --counters" "-w abc" "-wc" "-w !x" "-b" "-cb" "--binary" \
  "-M /sbin/modprobe" "--modprobe=x" "--modprobe" "-M" "--wait 3" "--wait=3" "-W" "--wait-interval 9"; do
  echo "== $opts"
  rules | iptables-restore $opts
  echo "rc=$?"
done
iptables -S FOO
