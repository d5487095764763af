# -c/--set-counters on -A/-I/-R/-P: forms sscanf accepts, wrapping and saturation, and every view of them.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -A INPUT -c 5 100 -j ACCEPT
x iptables -I INPUT -c 7 700 -s 10.0.0.1 -j DROP
x iptables -I INPUT 2 --set-counters 9 900 -s 10.0.0.2
x iptables -A INPUT -c 5,100 -s 10.0.0.3 -j ACCEPT
x iptables -A INPUT -c -1 5x -s 10.0.0.4
x iptables -A INPUT -c 18446744073709551616 0x10 -s 10.0.0.5
x iptables -A INPUT -c +3 " 7" -s 10.0.0.6
x iptables -A INPUT -c 123456789 987654321012 -s 10.0.0.7
x iptables -A INPUT -c1 2 -s 10.0.0.8
x iptables -A INPUT --set-counters=11 22 -s 10.0.0.9
x iptables -A INPUT -c 5
x iptables -A INPUT -c 5 -j ACCEPT
x iptables -A INPUT -c a b
x iptables -A INPUT -c 1 b
x iptables -A INPUT -c -1 -5
x iptables -A INPUT ! -c 1 2
x iptables -C INPUT -c 5 100 -j ACCEPT
x iptables -D INPUT -c 5 100 -j ACCEPT
x iptables -R INPUT 1 -c 3 4 -s 10.0.0.10 -j ACCEPT
x iptables -P FORWARD DROP -c 40 4000
x iptables -P OUTPUT ACCEPT -c 18446744073709551615 1
x iptables -N U1
x iptables -A U1 -c 1 1 -j RETURN
x iptables -S
x iptables -S -v
x iptables -S INPUT 3 -v
x iptables -L -v
x iptables -L -v -x -n --line-numbers
x iptables -L FORWARD -v
x iptables -L OUTPUT -v -x
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables-save | grep -v '^#'
x iptables -Z INPUT 2
x iptables -L INPUT -v -x -n
x iptables -Z FORWARD
x iptables -L FORWARD -v -x -n
x iptables -Z -v
ip netns exec fw iptables-save -c | grep -v '^#'
