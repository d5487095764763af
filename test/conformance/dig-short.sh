# dig's short forms: +short, +noall +answer, +nocmd, +nostats +nocomments,
# +noedns, -q/-t, and a server on another port (-p, dnsmasq --port) over
# UDP and TCP (+tcp).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces --port=5353 \
  --host-record=api.example.test,10.0.0.10 --host-record=v6.example.test,10.0.0.11,fd00::11 \
  --cname=www.example.test,api.example.test --srv-host=_http._tcp.example.test,api.example.test,8080,0,5 \
  --address=/wild.test/10.0.0.99 --mx-host=example.test,mail.example.test,10 --txt-record=example.test,"hello world",second \
  2>/dev/null &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 -p 5353 api.example.test >/dev/null 2>&1; do sleep 0.05; done
D="ip netns exec a dig @10.0.0.53 -p 5353"
$D api.example.test +short; echo "short $?"
$D www.example.test +short; echo "short CNAME $?"
$D v6.example.test AAAA +short; echo "short AAAA $?"
$D _http._tcp.example.test SRV +short; echo "short SRV $?"
$D -x 10.0.0.10 +short; echo "short PTR $?"
$D example.test MX +short; echo "short MX $?"
$D example.test TXT +short; echo "short TXT $?"
$D x.y.wild.test +noall +answer; echo "noall answer $?"
$D www.example.test +noall +answer +comments; echo "comments $?"
$D api.example.test +nocmd; echo "nocmd $?"
$D api.example.test +nostats +nocomments; echo "nostats nocomments $?"
$D api.example.test +noedns; echo "noedns $?"
$D -q v6.example.test -t AAAA +noall +answer; echo "-q -t $?"
$D api.example.test +tcp; echo "tcp $?"
$D www.example.test +tcp +short; echo "tcp short $?"
$D api.example.test v6.example.test AAAA +short; echo "two lookups $?"
kill %1; wait
