# Flush per chain and per table, in filter, nat, mangle and raw, and what each table then shows.
ip netns add fw
v() {
  for t in filter nat mangle raw; do ip netns exec fw iptables -t $t -S; done
  ip netns exec fw iptables-save | grep -v '^#'
}
ip netns exec fw iptables -t filter -A INPUT -s 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -t filter -A OUTPUT -d 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -t filter -N keep
ip netns exec fw iptables -t filter -A keep -j RETURN
ip netns exec fw iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
ip netns exec fw iptables -t nat -A POSTROUTING -o lo -j MASQUERADE
ip netns exec fw iptables -t nat -N natc
ip netns exec fw iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10
ip netns exec fw iptables -t mangle -A FORWARD -j TTL --ttl-inc 1
ip netns exec fw iptables -t raw -A PREROUTING -p udp -j CT --notrack
ip netns exec fw iptables -P FORWARD DROP
v
ip netns exec fw iptables -F INPUT; echo "status $?"
ip netns exec fw iptables -t nat -F POSTROUTING; echo "status $?"
ip netns exec fw iptables -t mangle -F; echo "status $?"
v
ip netns exec fw iptables -F; echo "status $?"
ip netns exec fw iptables -t nat -F; echo "status $?"
ip netns exec fw iptables -t raw -F PREROUTING; echo "status $?"
ip netns exec fw iptables -t raw -F INPUT; echo "status $?"
ip netns exec fw iptables -t security -F; echo "status $?"
ip netns exec fw iptables -t security -F INPUT; echo "status $?"
ip netns exec fw iptables -t bogus -F; echo "status $?"
v
ip netns exec fw iptables -t nat -X; echo "status $?"
ip netns exec fw iptables -X; echo "status $?"
v
