# -m esp / -m ah: [!] --espspi / [!] --ahspi spi[:spi] as iptables 1.8.9 parses, lists and saves
# them (also loaded by -p esp / -p ah alone), and the protocol each needs.
for m in esp ah; do
  for a in "--${m}spi 5" "! --${m}spi 5:10" "! --${m}spi 7" "--${m}spi :10" "--${m}spi 10:" "--${m}spi 10:5" \
    "--${m}spi 0:4294967295" "" "--${m}spi 0x10" "--${m}spi 5:5"; do
    iptables -A INPUT -p $m -m $m $a; echo "rc=$?"
  done
  for a in "--${m}spi 4294967296" "--${m}spi abc" "--${m}spi 1-2" "--${m}spi 1:2:3" "--${m}spi 1 --${m}spi 2" "--${m}spi"; do
    iptables -A INPUT -p $m -m $m $a; echo "rc=$?"
  done
  iptables -A INPUT -p $m --${m}spi 9; echo "rc=$?"
  iptables -A INPUT -m $m --${m}spi 5; echo "rc=$?"
  iptables -A INPUT ! -p $m -m $m --${m}spi 5; echo "rc=$?"
  iptables -A INPUT -p tcp -m $m --${m}spi 5; echo "rc=$?"
done
iptables -A INPUT -p ah -m ah --ahres; echo "rc=$?"
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m esp -h | tail -3
iptables -p ah -h | tail -3
iptables -D INPUT -p esp -m esp --espspi 16:16; echo "rc=$?"
iptables -C INPUT -p ah -m ah ! --ahspi 7:7; echo "rc=$?"
iptables -C INPUT -p ah -m ah --ahspi 7; echo "rc=$?"
