# Where `!` may stand: before each invertible option, not before others, never after the value (old syntax).
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables !
x iptables ! -A INPUT
x iptables -A INPUT ! -s 10.0.0.1 -j ACCEPT
x iptables -A INPUT ! -d 10.0.0.0/8 -j ACCEPT
x iptables -A INPUT ! -p udp -j ACCEPT
x iptables -A INPUT ! -i lo -j ACCEPT
x iptables -A FORWARD ! -o eth0 -j ACCEPT
x iptables -A INPUT ! -f -j ACCEPT
x iptables -A INPUT ! -i lo ! -f ! -s 1.2.3.4 ! -d 5.6.7.8 ! -p tcp -j ACCEPT
x iptables -A INPUT -p tcp ! --dport 22 ! --sport 1024:2048 -j ACCEPT
x iptables -A INPUT -p tcp ! --syn -j ACCEPT
x iptables -A INPUT -p icmp ! --icmp-type echo-request -j ACCEPT
x iptables -A INPUT -m mark ! --mark 0x1 -j ACCEPT
x iptables -A INPUT -m comment ! --comment x
x iptables -A INPUT -s ! 1.2.3.4 -j ACCEPT
x iptables -A INPUT -p ! tcp -j ACCEPT
x iptables -A INPUT -i ! lo -j ACCEPT
x iptables -A INPUT -p tcp --dport ! 22 -j ACCEPT
x iptables -A INPUT ! -j ACCEPT
x iptables -A INPUT ! -g INPUT
x iptables -A INPUT ! -m tcp -p tcp
x iptables -A INPUT ! -t filter
x iptables -A INPUT ! -v
x iptables -A INPUT ! -n
x iptables -A INPUT ! -x
x iptables -A INPUT ! --line-numbers
x iptables -A INPUT ! -c 1 2
x iptables -A INPUT ! -p 0
x iptables -A INPUT ! -p all
x iptables -A INPUT ! ! -p udp
x iptables -A INPUT -j ACCEPT !
x iptables -A INPUT ! -s 1.1.1.1,2.2.2.2 -j ACCEPT
x iptables -A INPUT ! -w -j ACCEPT
x iptables -A INPUT ! -4 -s 9.9.9.9
x iptables -L ! -Z
x iptables -A INPUT ! -m comment --comment y
x iptables -S INPUT
x iptables -L INPUT
x iptables -L INPUT -v -n
