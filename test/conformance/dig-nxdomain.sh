# Negative answers: NXDOMAIN under --local and --address=/domain/ (no
# address), NODATA for a known name without the asked type, and REFUSED
# with an Extended DNS Error (14, Not Ready) for what dnsmasq would forward
# but has no upstream for. dig exits 0 for all of them.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces \
  --log-queries --host-record=ready.test,10.0.0.1 --local=/example.test/ --address=/nx.test/ \
  --host-record=api.example.test,10.0.0.10 --mx-host=example.test,mail.example.test,10 \
  2>/tmp/dig-nxdomain.log &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 ready.test >/dev/null 2>&1; do sleep 0.05; done
D="ip netns exec a dig @10.0.0.53"
$D nope.example.test; echo "NXDOMAIN local $?"
$D a.nx.test MX; echo "NXDOMAIN address $?"
$D api.example.test AAAA; echo "NODATA $?"
$D example.test SOA; echo "NODATA other $?"
$D other.test; echo "REFUSED $?"
$D -x 10.0.0.99; echo "REFUSED PTR $?"
$D nope.example.test +short; echo "short NXDOMAIN $?"
$D other.test +noall +answer; echo "noall REFUSED $?"
kill %1; wait
grep -v ready.test /tmp/dig-nxdomain.log
