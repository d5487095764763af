# -m conntrack --ctdir and --ctexpire: parsing, -S/-L/iptables-save forms, and which packets
# of a ping flow they count (the seconds left are whole seconds rounded down at the packet:
# a NEW packet's entry is not confirmed yet and reads 0, later ones read the full timeout).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
B="ip netns exec b"
for a in "--ctdir ORIGINAL" "--ctdir reply" "! --ctdir REPLY" "--ctdir FOO" "--ctdir" "--ctexpire 0" "--ctexpire 30" "--ctexpire 1:29" \
  "! --ctexpire 30:30" "--ctexpire 29:31" "--ctexpire 5-10" "--ctexpire foo" "--ctexpire 99999999999" "--ctexpire 0:4294967295"; do
  echo "== $a"
  $B iptables -A INPUT -p icmp -m conntrack $a
  echo "status $?"
done
$B iptables -A OUTPUT -p icmp -m conntrack --ctdir ORIGINAL
$B iptables -A OUTPUT -p icmp -m conntrack --ctdir REPLY --ctexpire 30 --ctstate ESTABLISHED
$B iptables -A OUTPUT -p icmp -m conntrack --ctexpire 0
ip netns exec a ping -c 3 -i 0.2 10.0.0.2 > /dev/null
echo "ping $?"
$B ping -c 1 10.0.0.1 > /dev/null
echo "ping $?"
$B iptables -L -v -n -x
$B iptables -S
$B iptables-save | grep -- '^-A'
