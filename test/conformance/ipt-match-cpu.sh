# -m cpu: [!] --cpu N as iptables 1.8.9 parses, lists and saves it. Which CPU handles a packet varies
# on real Linux, so traffic goes only through rules naming a CPU that does not exist (never, and
# always with `!`).
iptables -A INPUT -m cpu --cpu 0
iptables -A INPUT -m cpu ! --cpu 3 -j ACCEPT
iptables -A INPUT -m cpu --cpu 4294967295
iptables -A INPUT -m cpu --cpu 0x10
iptables -A INPUT -m cpu --cpu 010
for a in "--cpu 4294967296" "--cpu -1" "--cpu abc" "--cpu 1x" "" "--cpu 1 --cpu 2" "--cpu"; do
  iptables -A INPUT -m cpu $a; echo "rc=$?"
done
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m cpu -h | tail -2
iptables -D INPUT -m cpu --cpu 16; echo "rc=$?"
iptables -C INPUT -m cpu ! --cpu 3 -j ACCEPT; echo "rc=$?"
iptables -C INPUT -m cpu --cpu 3 -j ACCEPT; echo "rc=$?"
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -p icmp -m cpu --cpu 4294967295 -j DROP
ip netns exec b iptables -A INPUT -p icmp -m cpu ! --cpu 4294967295
ip netns exec a ping -c2 -i 0.2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v -x
