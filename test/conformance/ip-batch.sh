# ip -batch: commands from stdin, one per line (comments, blank lines, quoted words, backslash
# continuations), "Command failed -:LINE" and a stop at the first failure, -force going on, and
# errors that end the whole process (usage, bad address) without the "Command failed" line.
ip link add d0 type veth peer name d1
ip link set d0 up
ip link set d1 up
ip addr add 10.0.0.1/24 dev d0
printf 'route add 10.1.0.0/24 via 10.0.0.2 dev d0\n# a comment\n\nroute add "10.2.0.0/24" via 10.0.0.3 dev d0 # trailing\n  route   add 10.3.0.0/16 \\\n via 10.0.0.3 dev d0\n' | ip -batch -
echo "ok=$?"
printf 'route add 10.4.0.0/24 via 10.0.0.2 dev d0\nroute add 10.1.0.0/24 via 10.0.0.2 dev d0\nroute add 10.5.0.0/24 via 10.0.0.2 dev d0\n' | ip -batch -
echo "stop=$?"
printf 'route add 10.1.0.0/24 via 10.0.0.2 dev d0\nroute add 10.6.0.0/24 via 10.0.0.2 dev d0\nbogus\nroute add 10.7/24 via 10.0.0.2 dev d0\n' | ip -force -batch -
echo "force=$?"
printf 'route add 10.8.0.0/24 via\nroute add 10.9.0.0/24 via 10.0.0.2 dev d0\n' | ip -force -batch -
echo "incomplete=$?"
printf 'route add 10.10.0.0/24 via foo\nroute add 10.11.0.0/24 via 10.0.0.2 dev d0\n' | ip -force -batch -
echo "badaddr=$?"
printf 'route add 10.12.0.0/24 via 10.0.0.2 dev d0' | ip -b -
echo "nonewline=$?"
printf 'route show dev d0\n' | ip -batch -
echo "show=$?"
ip -batch /nonexistent/routes
echo "nofile=$?"
ip -batch 2>&1 | head -1
ip route
