# ss -p / netstat -p: the nc processes holding each socket (listener fd 3, accepted fd 4, client fd 3).
# Pids differ from run to run and so do the widths they pad to: both are masked.
ip link set lo up
nc -l -p 8080 > /dev/null &
until ss -ltn | grep -q :8080; do sleep 0.1; done
ss -ltnp | sed -E 's/pid=[0-9]+/pid=N/g; s/ +$//'
sleep 3 | nc -N 127.0.0.1 8080 &
until ss -tn state established | grep -q :8080; do sleep 0.1; done
ss -tnp state established | sed -E 's/pid=[0-9]+/pid=N/g; s/:[0-9]{5} /:P /g; s/ +$//' | sort
netstat -tnp 2>/dev/null | sed -E 's/ [0-9]+\/nc/ N\/nc/g; s/:[0-9]{5} /:P /g; s/ +$//' | sort
nc -u -l -p 9090 > /dev/null &
until ss -lun | grep -q :9090; do sleep 0.1; done
ss -lunp | sed -E 's/pid=[0-9]+/pid=N/g; s/ +$//'
kill %1 %2 %3 2>/dev/null
wait
