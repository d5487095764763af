# conntrack -E during a ping flow: NEW when the first request is confirmed, UPDATE when the
# reply is seen, DESTROY from `conntrack -D` (with the deleter's netlink portid), event masks,
# -o extended and filters. An entry made before any listener existed never reports.
ev() { sed -E 's/id=[0-9]+/id=ID/g; s/portid=[0-9]+/portid=P/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec b ping -c 1 127.0.0.1 > /dev/null
ip netns exec b timeout 2 conntrack -E > all.ev 2> all.err &
ip netns exec b timeout 2 conntrack -E -e NEW,DESTROY -o extended > nd.ev 2> nd.err &
ip netns exec b timeout 2 conntrack -E --event-mask UPDATES -p icmp -s 10.0.0.1 > up.ev 2> up.err &
ip netns exec b timeout 2 conntrack -E -d 10.9.9.9 > none.ev 2> none.err &
sleep 0.5
ip netns exec a ping -c 2 -i 0.3 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b conntrack -D > /dev/null
echo "delete $?"
wait
for f in all nd up none; do
  echo "== $f"
  ev < $f.ev
  cat $f.err
done
rm -f all.ev all.err nd.ev nd.err up.ev up.err none.ev none.err
