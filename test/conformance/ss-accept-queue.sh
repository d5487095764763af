# A busy listener: nc -l -k serves one client at a time, so a second
# connection waits in the accept queue: ss -l shows it in Recv-Q (the
# backlog, 1, in Send-Q). Its data and FIN wait with it: CLOSE-WAIT on the
# server with the bytes in Recv-Q, FIN-WAIT-2 on the client. Once the first
# client is done the second is served, and both end in TIME-WAIT.
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/ss-accept-queue.$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
sorted() { { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
ip netns exec b nc -l -k -p 8080 > $T.out &
L=$!
until ip netns exec b ss -Hltn | grep -q .; do sleep 0.05; done
{ echo first; sleep 1; } | ip netns exec a nc -N -p 40001 10.0.0.2 8080 &
until ip netns exec b ss -Htn state established | grep -q .; do sleep 0.05; done
echo queued | ip netns exec a nc -N -p 40002 10.0.0.2 8080 &
until ip netns exec b ss -Htn state close-wait | grep -q .; do sleep 0.05; done
until ip netns exec a ss -Htn state fin-wait-2 | grep -q .; do sleep 0.05; done
echo "== b ss -tan"; ip netns exec b ss -tan | sorted
echo "== b ss -ltn"; ip netns exec b ss -ltn
echo "== b ss state close-wait"; ip netns exec b ss -tn state close-wait
echo "== a ss -tan"; ip netns exec a ss -tan | sorted
echo "== a ss state fin-wait-2"; ip netns exec a ss -tn state fin-wait-2
echo "== b netstat -tan"; ip netns exec b netstat -tan | { IFS= read -r x; echo "$x"; sorted; }
echo "== a netstat -tn"; ip netns exec a netstat -tn | { IFS= read -r x; echo "$x"; sorted; }
wait %2
echo "first $?"
wait %3
echo "second $?"
echo "== after"
ip netns exec a ss -tan | sorted
ip netns exec b ss -tan | sorted
kill $L
wait $L
echo "listener $?"
cat $T.out
