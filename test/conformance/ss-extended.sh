# ss -e (and -o): timers, socket inode and cookie for a listener, an
# established connection, a TIME-WAIT minisocket (ino:0, no "<->") and UDP
# sockets; netstat -e adds User and Inode columns, -o the Timer column.
# Inodes, cookies and the cgroup path differ between runs and machines:
# they are masked, and so are timer values.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Hash order differs between runs: rows are sorted under their header lines.
sorted() { { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
sorted2() { { IFS= read -r h; printf '%s\n' "$h"; sorted; }; }
mask() { sed -E 's/ino:[1-9][0-9]*/ino:N/g; s/sk:[0-9a-f]+/sk:K/g; s/ cgroup:[^ ]+//; s/(timewait|keepalive|on|off),[^,]+,/\1,T,/; s/ +$//'; }
ip netns exec b nc -l -p 8080 > /dev/null &
ip netns exec b nc -l -p 8081 > /dev/null &
ip netns exec b nc -u -l -p 53 > /dev/null &
until [ "$(ip netns exec b ss -Htuln | wc -l)" = 3 ]; do sleep 0.05; done
echo bye | ip netns exec a nc -N -p 40001 10.0.0.2 8081
{ echo hi; sleep 1; } | ip netns exec a nc -N -p 40000 10.0.0.2 8080 &
until ip netns exec a ss -Htn state established | grep -q .; do sleep 0.05; done
echo "== a ss -tane"; ip netns exec a ss -tane 2>/dev/null | mask | sorted
echo "== a ss -tano"; ip netns exec a ss -tano | mask | sorted
echo "== b ss -tlne"; ip netns exec b ss -tlne 2>/dev/null | mask
echo "== b ss -tne"; ip netns exec b ss -tne 2>/dev/null | mask
echo "== b ss -uane"; ip netns exec b ss -uane 2>/dev/null | mask
echo "== a ss -teo state time-wait"; ip netns exec a ss -tneo state time-wait 2>/dev/null | mask
echo "== a netstat -tane"; ip netns exec a netstat -tane | sed -E 's/ [1-9][0-9]* +$/ INODE/; s/ +$//' | sorted2
echo "== b netstat -tulne"; ip netns exec b netstat -tulne | sed -E 's/ [1-9][0-9]* +$/ INODE/; s/ +$//'
echo "== b netstat -tlep"; ip netns exec b netstat -tlep | sed -E 's/ [1-9][0-9]* +([0-9]+\/nc)/ INODE PID\/nc/; s/ +$//' 
echo "== a netstat -tano"; ip netns exec a netstat -tano | sed -E 's/\([0-9.]+\//(T\//' | sorted2
wait %4
kill %3
wait
