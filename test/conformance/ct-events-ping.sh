# conntrack -E during a ping flow: NEW when the first request is confirmed, UPDATE when the
# reply is seen, DESTROY from `conntrack -D` (with the deleter's netlink portid), event masks,
# -o extended and filters.
ev() { sed -E 's/ portid=[0-9]+( progname=[a-z]+)?/ portid=P/g; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
round() {
  echo "== conntrack -E $*"
  ip netns exec b timeout 1.2 conntrack -E "$@" | ev &
  sleep 0.3
  ip netns exec a ping -c 2 -i 0.3 10.0.0.2 > /dev/null
  ip netns exec b conntrack -D > /dev/null 2>&1
  wait
}
round
round -e NEW,DESTROY -o extended,id
round --event-mask UPDATES -p icmp -s 10.0.0.1
ip netns exec b conntrack -L
