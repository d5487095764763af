# xtables-monitor's usage, version and argument errors.
xtables-monitor
echo "status $?"
xtables-monitor -h
echo "status $?"
xtables-monitor -t -h
echo "status $?"
xtables-monitor -V
echo "status $?"
xtables-monitor --version
echo "status $?"
xtables-monitor -x
echo "status $?"
xtables-monitor --foo
echo "status $?"
xtables-monitor -4 -c
echo "status $?"
xtables-monitor extra
echo "status $?"
xtables-monitor -t -6 > six.out &
sleep 0.5
iptables -t raw -A OUTPUT -p icmp -j TRACE
ip link set lo up
ping -c 1 -W 1 127.0.0.1 > /dev/null
kill %1
wait
echo "ipv6 only: $(wc -c < six.out) bytes"
rm -f six.out
