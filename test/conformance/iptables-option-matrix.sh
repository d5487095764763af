# Which options each command accepts (generic_opt_check), and the order of checks around it.
ip netns add fw
ip netns exec fw iptables -N U1
ip netns exec fw iptables -A INPUT -j ACCEPT
for cmd in "-A INPUT" "-C INPUT" "-D INPUT 1" "-L INPUT 1" "-S INPUT 1" "-Z INPUT 1" "-P FORWARD ACCEPT" "-L -Z"; do
  echo "== $cmd"
  for opt in "-n" "-s 1.1.1.1" "-d 1.1.1.1" "-p tcp" "-j ACCEPT" "-v" "-x" "-i lo" "-o eth0" "--line-numbers" "-c 1 2" "-f"; do
    echo "$opt: $(ip netns exec fw iptables $cmd $opt 2>&1 >/dev/null | head -1)"
  done
  ip netns exec fw iptables -F INPUT; ip netns exec fw iptables -A INPUT -j ACCEPT
done
ip netns exec fw iptables -A INPUT -n -n; echo "status $?"
ip netns exec fw iptables -L -n -n; echo "status $?"
ip netns exec fw iptables -L --line-numbers --line-numbers; echo "status $?"
ip netns exec fw iptables -L -x -x; echo "status $?"
ip netns exec fw iptables -A INPUT -f -f; echo "status $?"
ip netns exec fw iptables -A INPUT -c 1 2 -c 3 4; echo "status $?"
ip netns exec fw iptables -A INPUT -j ACCEPT -g U1; echo "status $?"
ip netns exec fw iptables -A INPUT -g U1 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -v -s 9.9.9.9; echo "status $?"
ip netns exec fw iptables -L -n -s 1.1.1.1; echo "status $?"
ip netns exec fw iptables -L -s bogus.invalid; echo "status $?"
ip netns exec fw iptables -D INPUT 1 -s nowhere.invalid; echo "status $?"
ip netns exec fw iptables -R INPUT 1 -s 1.1.1.1,2.2.2.2 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -R INPUT 1 -d 1.1.1.0/24,2.2.2.2 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT ! -s 1.1.1.1,2.2.2.2 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT ! -d 1.1.1.1,2.2.2.2 -s 3.3.3.3 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -s 1.1.1.1,2.2.2.2 -d 3.3.3.3,4.4.4.4 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -o eth0 -n; echo "status $?"
ip netns exec fw iptables -t nat -A POSTROUTING -j DROP -x; echo "status $?"
ip netns exec fw iptables -A aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -j ACCEPT -x; echo "status $?"
ip netns exec fw iptables -F aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; echo "status $?"
ip netns exec fw iptables -S
