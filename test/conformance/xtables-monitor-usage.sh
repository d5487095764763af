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
echo "== -6: no IPv4 trace"
timeout 1 xtables-monitor -t -6 | wc -c &
sleep 0.5
iptables -t raw -A OUTPUT -p icmp -j TRACE
ip link set lo up
ping -c 1 -W 1 127.0.0.1 > /dev/null
wait
