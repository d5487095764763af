# What nc sends: its stdin from a pipe, a here-string, a here-document, a
# file and printf without a final newline; the listener's own stdin (a
# here-string) goes back the other way. -N half-closes after stdin's EOF.
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/nc-stdin-data.$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
printf 'line one\nline two\n' > $T.in
serve() {
  ip netns exec b nc -l -p 8080 > $T.out <<< "$1" &
  L=$!
  sleep 0.2
}
done_() {
  echo "client $?"
  wait $L
  echo "server $?"
  echo "received $(wc -c < $T.out) bytes:"
  cat $T.out
  echo "|"
}
echo "== here-string"
serve "reply one"
ip netns exec a nc -N 10.0.0.2 8080 <<< "here string"
done_
echo "== here-document"
serve "reply two"
ip netns exec a nc -N 10.0.0.2 8080 <<END
first $((1 + 1))
  indented
END
done_
echo "== file"
serve "reply three"
ip netns exec a nc -N 10.0.0.2 8080 < $T.in
done_
echo "== printf without newline"
serve ""
printf 'no newline' | ip netns exec a nc -N 10.0.0.2 8080
done_
echo "== cat through a pipe, -q 0"
serve "bye"
cat $T.in $T.in | ip netns exec a nc -q 0 10.0.0.2 8080
done_
