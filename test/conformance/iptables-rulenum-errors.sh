# Rule numbers of -I/-D/-R/-L/-S/-Z: bases, signs, zero, past the end, on chains and tables that do not exist.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -t nat -L POSTROUTING 1
x iptables -t nat -S POSTROUTING 1
x iptables -t nat -Z POSTROUTING 1
x iptables -t nat -D POSTROUTING 1
x iptables -t nat -R POSTROUTING 1 -j ACCEPT
x iptables -t nat -I POSTROUTING 2 -j ACCEPT
x iptables -t raw -Z
x iptables -A INPUT -s 10.0.0.1 -j ACCEPT
x iptables -A INPUT -s 10.0.0.2 -j ACCEPT
x iptables -I INPUT 0 -j DROP
x iptables -I INPUT -1 -j DROP
x iptables -I INPUT foo -j DROP
x iptables -I INPUT 4 -j DROP
x iptables -I INPUT 3 -s 10.0.0.3 -j DROP
x iptables -I INPUT 0x1 -s 10.0.0.4 -j DROP
x iptables -I INPUT 010 -j DROP
x iptables -I INPUT 04 -s 10.0.0.5 -j DROP
x iptables -I INPUT +2 -s 10.0.0.6 -j DROP
x iptables -I INPUT 08 -j DROP
x iptables -I INPUT 0x -j DROP
x iptables -I INPUT 2147483647 -j DROP
x iptables -I INPUT 2147483648 -j DROP
x iptables -I INPUT 99999999999999999999 -j DROP
x iptables -I INPUT 1x -j DROP
x iptables -S INPUT
x iptables -R INPUT
x iptables -R INPUT -j DROP
x iptables -R INPUT 0 -j DROP
x iptables -R INPUT abc -j DROP
x iptables -R INPUT 99 -j DROP
x iptables -R INPUT 7 -j DROP
x iptables -R INPUT 0x2 -s 10.0.0.7 -j RETURN
x iptables -R NOPE 1 -j DROP
x iptables -D INPUT 99
x iptables -D INPUT 0
x iptables -D INPUT abc
x iptables -D INPUT 1 2
x iptables -D INPUT 1 -j ACCEPT
x iptables -D INPUT !1
x iptables -D INPUT +1
x iptables -D INPUT 2147483648
x iptables -D NOPE 1
x iptables -L INPUT 1
x iptables -L INPUT 99
x iptables -L INPUT 0
x iptables -L INPUT 1 2
x iptables -L INPUT abc
x iptables -L NOPE 1
x iptables -L -n --line-numbers INPUT 0x3
x iptables -L -v -x INPUT 2
x iptables -S INPUT 1
x iptables -S INPUT 99
x iptables -S INPUT 0
x iptables -S INPUT abc
x iptables -S NOPE 1
x iptables -S INPUT 1 -v
x iptables -Z INPUT 1
x iptables -Z INPUT 99
x iptables -Z INPUT 0
x iptables -Z NOPE 1
x iptables -Z 1
x iptables -F INPUT 1
x iptables -X INPUT 1
x iptables -N X1 2
x iptables -S INPUT
x iptables -L INPUT -n --line-numbers
