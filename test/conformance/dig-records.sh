# dig's full output for the record types dnsmasq serves from local data:
# A, AAAA, CNAME (chained), SRV (with the target's addresses as additional
# records, rotated between queries), PTR (-x, from --host-record and from a
# hosts file), MX and TXT; then dnsmasq's query log.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces \
  --log-queries --host-record=ready.test,10.0.0.1 \
  --host-record=api.example.test,10.0.0.10 --host-record=v6.example.test,10.0.0.11,fd00::11 \
  --addn-hosts=dig-hosts.txt --cname=www.example.test,api.example.test --cname=w2.example.test,www.example.test \
  --srv-host=_http._tcp.example.test,api.example.test,8080,0,5 --srv-host=_http._tcp.example.test,web.example.test,8081,1,6 \
  --mx-host=example.test,mail.example.test,10 --txt-record=example.test,"hello world",second \
  2>/tmp/dig-records.log &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 ready.test >/dev/null 2>&1; do sleep 0.05; done
D="ip netns exec a dig @10.0.0.53"
$D api.example.test; echo "A $?"
$D v6.example.test AAAA; echo "AAAA $?"
$D db.example.test AAAA; echo "AAAA hosts $?"
$D w2.example.test; echo "CNAME chain $?"
$D www.example.test CNAME; echo "CNAME $?"
$D _http._tcp.example.test SRV; echo "SRV $?"
$D _http._tcp.example.test SRV; echo "SRV again $?"
$D -x 10.0.0.11; echo "PTR $?"
$D -x 10.0.0.80; echo "PTR hosts $?"
$D -x fd00::81; echo "PTR v6 $?"
$D example.test MX; echo "MX $?"
$D -t TXT example.test; echo "TXT $?"
kill %1; wait
grep -v ready.test /tmp/dig-records.log
