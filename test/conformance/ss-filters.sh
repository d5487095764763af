# ss state filters and filter expressions (sport, dport, src, dst, not, or, exclude).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a nc -l 80 >/dev/null &
ip netns exec a nc -l -s 10.0.0.1 -p 81 >/dev/null &
ip netns exec a nc -u -l 53 >/dev/null &
for i in $(seq 100); do
  [ "$(ip netns exec a ss -Htln | wc -l)" = 2 ] && [ "$(ip netns exec a ss -Hlun | wc -l)" = 1 ] && break
  sleep 0.05
done
sleep 2 | ip netns exec b nc -N -p 40000 10.0.0.1 80 &
for i in $(seq 100); do ip netns exec a ss -Htn state established | grep -q . && break; sleep 0.05; done
sorted() { ip netns exec a "$@" | { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
echo "== state established"; ip netns exec a ss -tn state established
echo "== state listening"; sorted ss -tn state listening
echo "== state established state listening"; sorted ss -tn state established state listening
echo "== exclude listening"; ip netns exec a ss -tan exclude listening
echo "== state connected"; ip netns exec a ss -tn state connected
echo "== state all"; sorted ss -tn state all
echo "== sport = :80"; sorted ss -tan sport = :80
echo "== sport == 80 (listening)"; ip netns exec a ss -tln sport == 80
echo "== sport eq :http"; sorted ss -ta sport eq :http
echo "== dport = :40000"; ip netns exec a ss -tn dport = :40000
echo "== dst 10.0.0.2"; ip netns exec a ss -tn dst 10.0.0.2
echo "== dst 10.0.0.0/24"; ip netns exec a ss -tan dst 10.0.0.0/24
echo "== src 10.0.0.1"; sorted ss -tan src 10.0.0.1
echo "== src 10.0.0.1:81"; ip netns exec a ss -tan src 10.0.0.1:81
echo "== not sport = :80"; sorted ss -tan not sport = :80
echo "== ! dst 10.0.0.2"; sorted ss -tan '!' dst 10.0.0.2
echo "== sport gt :80"; ip netns exec a ss -tln sport gt :80
echo "== sport < :81"; ip netns exec a ss -tln 'sport < :81'
echo "== or"; sorted ss -tan sport = :81 or dport = :40000
echo "== parens and"; ip netns exec a ss -tan '(' sport = :80 or sport = :81 ')' and src 10.0.0.1
echo "== udp sport"; ip netns exec a ss -uan sport = :53
echo "== udp state established (none)"; ip netns exec a ss -un state established
kill %1 %2 %3 %4
wait
