# UDP sockets in ss and netstat: a listener is UNCONN until its first
# datagram connects it to the sender (ESTAB); nc -u clients are connected
# from the start.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
sorted() { { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
ip netns exec b nc -u -l -p 9000 > /dev/null &
ip netns exec b nc -u -l -s 10.0.0.2 -p 9001 > /dev/null &
until [ "$(ip netns exec b ss -Hlun | wc -l)" = 2 ]; do sleep 0.05; done
sleep 1 | ip netns exec a nc -u -q0 -p 40000 10.0.0.2 9000 &
until ip netns exec a ss -Hun | grep -q .; do sleep 0.05; done
echo "== a ss -u (connected, nothing sent yet)"; ip netns exec a ss -un
echo "== b ss -uan (both listeners unconnected)"; ip netns exec b ss -uan | sorted
{ echo hi; sleep 1; } | ip netns exec a nc -u -q0 -p 40001 10.0.0.2 9001 &
until ip netns exec b ss -Hun | grep -q .; do sleep 0.05; done
echo "== b ss -uan"; ip netns exec b ss -uan | sorted
echo "== b ss -un"; ip netns exec b ss -un
echo "== b ss -uln"; ip netns exec b ss -uln
echo "== b ss -u state established"; ip netns exec b ss -un state established
echo "== b ss -ua exclude established"; ip netns exec b ss -ua exclude established
echo "== b ss -tua"; ip netns exec b ss -tuan | sorted
echo "== a ss -uan"; ip netns exec a ss -uan | sorted
echo "== b netstat -uan"; ip netns exec b netstat -uan | { IFS= read -r x; echo "$x"; sorted; }
echo "== b netstat -un"; ip netns exec b netstat -un
echo "== b netstat -ul"; ip netns exec b netstat -ul
echo "== a netstat -ua"; ip netns exec a netstat -ua | { IFS= read -r x; echo "$x"; sorted; }
wait %3 %4
kill %1 %2
wait
