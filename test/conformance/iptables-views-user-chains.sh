# User chains with references: create, jump, goto, rename (references follow), flush, delete, in every view.
ip netns add fw
v() {
  ip netns exec fw iptables -L -n
  ip netns exec fw iptables -S
}
ip netns exec fw iptables -N web
ip netns exec fw iptables -N ssh
ip netns exec fw iptables -N aaa
ip netns exec fw iptables -N Zed
ip netns exec fw iptables -A INPUT -p tcp --dport 80 -j web
ip netns exec fw iptables -A INPUT -p tcp --dport 443 -j web
ip netns exec fw iptables -A FORWARD -p tcp --dport 22 -g ssh
ip netns exec fw iptables -A web -s 10.0.0.0/8 -j ACCEPT
ip netns exec fw iptables -A web -j ssh
ip netns exec fw iptables -A ssh -j RETURN
v
ip netns exec fw iptables -E web http; echo "status $?"
ip netns exec fw iptables -E ssh aaa; echo "status $?"
ip netns exec fw iptables -E nope x; echo "status $?"
ip netns exec fw iptables -E OUTPUT U1; echo "status $?"
ip netns exec fw iptables -E ssh "a b"; echo "status $?"
ip netns exec fw iptables -E "a b" ssh2; echo "status $?"
v
ip netns exec fw iptables -X http; echo "status $?"
ip netns exec fw iptables -X ssh2; echo "status $?"
ip netns exec fw iptables -X aaa; echo "status $?"
ip netns exec fw iptables -X nope; echo "status $?"
ip netns exec fw iptables -X INPUT; echo "status $?"
ip netns exec fw iptables -F http; echo "status $?"
ip netns exec fw iptables -X http; echo "status $?"
ip netns exec fw iptables -D INPUT 1; echo "status $?"
ip netns exec fw iptables -X http; echo "status $?"
v
ip netns exec fw iptables -D INPUT 1; echo "status $?"
ip netns exec fw iptables -X http; echo "status $?"
ip netns exec fw iptables -X; echo "status $?"
v
ip netns exec fw iptables -D FORWARD 1; echo "status $?"
ip netns exec fw iptables -F ssh2; echo "status $?"
ip netns exec fw iptables -X; echo "status $?"
v
ip netns exec fw iptables-save | grep -v '^#'
