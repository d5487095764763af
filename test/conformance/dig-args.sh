# dig's and dnsmasq's argument errors and exit codes, and dnsmasq failing
# to bind an address the host does not have or a port already taken.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a dig +foo @10.0.0.53 x.test; echo "dig +foo $?"
ip netns exec a dig -p abc @10.0.0.53 x.test; echo "dig -p abc $?"
ip netns exec b dnsmasq --no-daemon --bogus; echo "dnsmasq --bogus $?"
ip netns exec b dnsmasq --no-daemon --host-record=a.test; echo "bad host-record $?"
ip netns exec b dnsmasq --no-daemon --address=/x.test/notip; echo "bad address $?"
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.99 --bind-interfaces; echo "no such address $?"
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces --addn-hosts=missing.txt 2>/tmp/dig-args.log &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 x.test >/dev/null 2>&1; do sleep 0.05; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces; echo "in use $?"
kill %1; wait
cat /tmp/dig-args.log
