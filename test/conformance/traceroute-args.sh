# traceroute's argument errors (libclif messages, exit 2), unknown hosts and --version.
ip link set lo up
traceroute
echo "no args: $?"
traceroute -V
echo "-V: $?"
traceroute --version
echo "--version: $?"
for args in "-q 0 1.2.3.4" "-q 11 1.2.3.4" "-q abc 1.2.3.4" "-q" "-qq 1.2.3.4" \
    "-m 0 1.2.3.4" "-m 256 1.2.3.4" "-m -1 1.2.3.4" "-f 0 1.2.3.4" "-f 5 -m 3 1.2.3.4" \
    "-w -1 1.2.3.4" "-w x 1.2.3.4" "-w 1,2,x 1.2.3.4" "-w 1,2,3,4 1.2.3.4" "-w 1,-2 1.2.3.4" \
    "-Z 1.2.3.4" "--foo 1.2.3.4" "-q3 -n 1.2.3.4 -x" "-p abc 1.2.3.4" "-M foo 1.2.3.4" \
    "-n" "1.2.3.4 70000" "1.2.3.4 abc" "1.2.3.4 40 extra" "-6 1.2.3.4" \
    "nosuch.invalid" "-n nosuch.invalid"; do
  traceroute $args
  echo "traceroute $args: $?"
done
