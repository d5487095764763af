# ss and netstat list listening TCP and unconnected UDP sockets of nc processes.
ip netns add a
ip -n a link set lo up
ip -n a addr add 10.0.0.1/24 dev lo
ip netns exec a nc -l 80 >/dev/null &
ip netns exec a nc -l -s 10.0.0.1 -p 8080 >/dev/null &
ip netns exec a nc -u -l 53 >/dev/null &
# Wait until both listeners and the UDP socket exist (nc starts asynchronously).
for i in $(seq 100); do
  [ "$(ip netns exec a ss -Htln | wc -l)" = 2 ] && [ "$(ip netns exec a ss -Hluna | wc -l)" = 1 ] && break
  sleep 0.05
done
# Hash-bucket order differs between namespaces on Linux: sort the rows, keep the header.
sorted() { ip netns exec a "$@" | { IFS= read -r h; printf '%s\n' "$h"; sort; }; }
echo "== ss -tln"; sorted ss -tln
echo "== ss -tl"; sorted ss -tl
echo "== ss -uln"; sorted ss -uln
echo "== ss -ul"; sorted ss -ul
echo "== ss -tuln"; sorted ss -tuln
echo "== ss -ltnH"; ip netns exec a ss -ltnH | sort
echo "== ss -ltn4"; sorted ss -ltn -4
echo "== ss -ltn6"; ip netns exec a ss -ltn -6
echo "== ss -tn (no connections)"; ip netns exec a ss -tn
echo "== netstat -tln"; ip netns exec a netstat -tln | { IFS= read -r a; IFS= read -r b; printf '%s\n%s\n' "$a" "$b"; sort; }
echo "== netstat -uln"; ip netns exec a netstat -uln
echo "== netstat -tul"; ip netns exec a netstat -tul | { IFS= read -r a; IFS= read -r b; printf '%s\n%s\n' "$a" "$b"; sort; }
echo "== netstat -tn"; ip netns exec a netstat -tn
kill %1 %2 %3
wait
