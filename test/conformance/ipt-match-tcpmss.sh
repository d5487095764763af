# -m tcpmss: [!] --mss value[:value] as iptables 1.8.9 parses, lists and saves it (-p tcp only), and
# how the kernel reads the MSS option: only SYN and SYN/ACK carry one (MTU 1400 here: MSS 1360).
iptables -A INPUT -p tcp -m tcpmss --mss 100:200
iptables -A INPUT -p tcp -m tcpmss ! --mss 1460 -j DROP
iptables -A INPUT -p tcp -m tcpmss --mss 65535
iptables -A INPUT -p tcp -m tcpmss --mss :5
iptables -A INPUT -p tcp -m tcpmss --mss 5:
iptables -A INPUT -p tcp -m tcpmss --mss 0x10:020
iptables -A INPUT -p tcp -m tcpmss --mss ''
iptables -A INPUT -p tcp -m tcpmss --mss 5:5
for a in "--mss 200:100" "--mss 65536" "--mss 1:2:3" "--mss abc" "--mss 1-2" "--mss -1" "" \
  "--mss 1 --mss 2" "--mss"; do
  iptables -A INPUT -p tcp -m tcpmss $a; echo "rc=$?"
done
iptables -A INPUT -m tcpmss --mss 5; echo "rc=$?"
iptables -A INPUT -p udp -m tcpmss --mss 5; echo "rc=$?"
iptables -A INPUT ! -p tcp -m tcpmss --mss 5; echo "rc=$?"
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m tcpmss -h | tail -3
iptables -D INPUT -p tcp -m tcpmss --mss 16:16; echo "rc=$?"
iptables -C INPUT -p tcp -m tcpmss ! --mss 1460 -j DROP; echo "rc=$?"
iptables -C INPUT -p tcp -m tcpmss --mss 1460 -j DROP; echo "rc=$?"
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va mtu 1400 up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -p tcp -m tcpmss --mss 1360
ip netns exec b iptables -A INPUT -p tcp -m tcpmss ! --mss 1360
ip netns exec b iptables -A INPUT -p tcp -m tcpmss --mss 1000:1400
ip netns exec b iptables -A INPUT -p tcp -m tcpmss ! --mss 0:65535
ip netns exec b iptables -A OUTPUT -p tcp -m tcpmss --mss 1460
ip netns exec b iptables -A OUTPUT -p tcp -m tcpmss ! --mss 1460
ip netns exec b nc -l -p 8080 < /dev/null > /dev/null &
sleep 0.2
echo hi | ip netns exec a nc -q0 -w1 10.0.0.2 8080; echo "nc=$?"
wait
ip netns exec b iptables -L -n -v -x
