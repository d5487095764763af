# A kube-proxy ruleset (iptables mode, 100 services: `node bench/gen-kube-proxy.mjs 100`),
# the small sibling of the restore-100k benchmark: restored, then seen through
# iptables-save, -S and -L; restored again over itself, with and without --noflush.
iptables-restore < iptables-restore-kube-proxy.rules
echo "restore: $?"
iptables-save | grep -v '^#'
iptables -t nat -S KUBE-SERVICES | head -4
iptables -t nat -L KUBE-MARK-MASQ -n
iptables -t nat -L KUBE-POSTROUTING -n -v
iptables -t filter -L KUBE-FORWARD -n
iptables-restore < iptables-restore-kube-proxy.rules
echo "again: $?"
iptables-save | grep -v '^#' | wc -l
iptables-restore --noflush < iptables-restore-kube-proxy.rules
echo "noflush: $?"
iptables-save | grep -v '^#' | wc -l
iptables-restore --test < iptables-restore-kube-proxy.rules
echo "test: $?"
iptables -t nat -X KUBE-MARK-MASQ
echo "delete a referenced chain: $?"
