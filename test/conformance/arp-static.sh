# Static neighbours: add, replace, change, del, flush, and their errors.
ip netns add a
ip -n a link add v0 type veth peer name v1
ip -n a addr add 10.0.0.1/24 dev v0
ip -n a neigh add 10.0.0.5 lladdr 00:11:22:33:44:55 dev v0
echo "add: $?"
ip -n a neigh show
ip -n a link set v0 up
ip -n a neigh add 10.0.0.5 lladdr 00:11:22:33:44:56 dev v0
echo "add again: $?"
ip -n a neigh replace 10.0.0.5 lladdr 00:11:22:33:44:57 dev v0
echo "replace: $?"
ip -n a neigh show
ip -n a neigh change 10.0.0.6 lladdr 00:11:22:33:44:57 dev v0
echo "change missing: $?"
ip -n a neigh change 10.0.0.5 lladdr 00:11:22:33:44:58 dev v0 nud reachable
echo "change: $?"
ip -n a neigh show
ip -n a neigh replace 10.0.0.5 lladdr 00:11:22:33:44:59 dev v0 nud stale
ip -n a neigh show nud stale
ip -n a neigh show nud permanent
ip -n a neigh add 10.0.0.7 dev v0
echo "no lladdr: $?"
ip -n a neigh add 10.0.0.8 lladdr zz dev v0
echo "bad lladdr: $?"
ip -n a neigh add 10.0.0.555 lladdr 00:11:22:33:44:55 dev v0
echo "bad address: $?"
ip -n a neigh add 10.0.0.8 lladdr 00:11:22:33:44:55
echo "no dev: $?"
ip -n a neigh add 10.0.0.8 lladdr 00:11:22:33:44:55 dev nosuch
echo "no such dev: $?"
ip -n a neigh add 10.0.0.8 lladdr 00:11:22:33:44:55 dev v0 nud bogus
echo "bad nud: $?"
ip -n a neigh add 10.0.0.8 lladdr 00:11:22:33:44:55 dev v0 foo
echo "garbage: $?"
ip -n a neigh add
echo "empty: $?"
ip -n a neigh frob
echo "unknown: $?"
ip -n a neigh get 10.0.0.5 dev v0
ip -n a neigh get 10.0.0.6 dev v0
echo "get missing: $?"
ip -n a neigh get 10.0.0.6
echo "get no dev: $?"
ip -n a neigh del 10.0.0.5 dev v0
echo "del: $?"
ip -n a neigh del 10.0.0.5 dev v0
echo "del again: $?"
ip -n a neigh del 10.0.0.5
echo "del no dev: $?"
ip -n a neigh show
ip -n a neigh add 10.0.0.10 lladdr 00:11:22:33:44:10 dev v0
ip -n a neigh add 10.0.0.11 lladdr 00:11:22:33:44:11 dev v0 nud reachable
ip -n a neigh add 10.0.0.12 lladdr 00:11:22:33:44:12 dev v0 nud stale
ip -n a neigh add 10.0.0.13 dev v0 nud failed
ip -n a neigh show | sort
ip -n a -s neigh flush dev v0
echo "flush: $?"
ip -n a neigh show
ip -n a -s neigh flush dev v0
ip -n a neigh flush
echo "flush no args: $?"
ip -n a neigh add 10.0.0.11 lladdr 00:11:22:33:44:11 dev v0 nud stale
ip -n a -s -s neigh flush to 10.0.0.11
ip -n a neigh flush dev v0 nud permanent
ip -n a neigh show
echo "left: $(ip -n a neigh show | wc -l)"
