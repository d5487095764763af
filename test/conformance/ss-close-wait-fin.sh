# A connection closed by its client before the server accepts it waits in the accept queue in
# CLOSE-WAIT: its unread FIN counts in Recv-Q (rcv_nxt - copied_seq), 1 without data, in ss and netstat; once the
# server has served both, only the listener is left.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
sorted() { { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
ip netns exec b nc -l -k -p 8080 > /dev/null &
L=$!
until ip netns exec b ss -Hltn | grep -q .; do sleep 0.05; done
{ echo first; sleep 1; } | ip netns exec a nc -N -p 40001 10.0.0.2 8080 &
until ip netns exec b ss -Htn state established | grep -q .; do sleep 0.05; done
ip netns exec a nc -N -p 40002 10.0.0.2 8080 < /dev/null &
until ip netns exec b ss -Htn state close-wait | grep -q .; do sleep 0.05; done
echo "== b ss -tan"; ip netns exec b ss -tan | sorted
echo "== b netstat -tn"; ip netns exec b netstat -tn | { IFS= read -r x; echo "$x"; sorted; }
wait %2; wait %3
echo "== after"; ip netns exec b ss -tan | sorted
kill $L; wait $L
