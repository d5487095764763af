# statistic: every option check libxt_statistic and the x6 option framework make, then the saved forms.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables -A INPUT -m statistic --mode nth --every 3 --probability 0.5
x iptables -A INPUT -m statistic --mode nth --packet 0
x iptables -A INPUT -m statistic --mode nth --packet 0 --every 1
x iptables -A INPUT -m statistic --mode random --probability 0.5 --mode nth
x iptables -A INPUT -m statistic --every 2 --packet 1 --probability 0.3
x iptables -A INPUT -m statistic --probability 0.3
x iptables -A INPUT -m statistic --mode random ! --probability 0.3
x iptables -A INPUT -m statistic --mode random --probability 0.3 --probability 0.2
x iptables -A INPUT -m statistic --mode nth ! --packet 1 --every 3
x iptables -A INPUT -m statistic --mode nth --every 3 ! --packet 1
x iptables -A INPUT -m statistic --mode nth --every 4294967295 --packet 1
x iptables -A INPUT -m statistic --mode nth --every 4294967296 --packet 1
x iptables -A INPUT -m statistic --mode nth --every 0x10 --packet 010
x iptables -A INPUT -m statistic --mode nth --every -1 --packet 0
x iptables -A INPUT -m statistic --mode nth --every 2 --packet -1
x iptables -A INPUT -m statistic --mode random --probability abc
x iptables -A INPUT -m statistic --mode random --probability 0
x iptables -A INPUT -m statistic --mode random --probability 1
x iptables -A INPUT -m statistic --mode random --probability 0.0001
x iptables -A INPUT -m statistic --mode random --probability 1e-1
x iptables -A INPUT -m statistic --mode random --probability -0
x iptables -A INPUT -m statistic --mode random --probability .5
x iptables -A INPUT -m statistic --mode random --probability 0.5x
x iptables -A INPUT -m statistic --mode nth --every 5 --packet 4
x iptables -A INPUT -m statistic --mode nth --every 1 --packet 0
x iptables -S INPUT
x iptables -L INPUT -n
x iptables -L INPUT
x iptables -A INPUT -m statistic --mode nth --every 3
x iptables -A INPUT -m statistic --mode nth --packet 1
x iptables -A INPUT -m statistic --mode nth --every 3 --packet 3
x iptables -A INPUT -m statistic --mode random --probability 0.5 --every 3
x iptables -A INPUT -m statistic --mode random
x iptables -A INPUT -m statistic --mode nth
x iptables -A INPUT -m statistic --every 2
x iptables -A INPUT -m statistic --mode foo
x iptables -A INPUT -m statistic --mode random --probability 1.5
x iptables -A INPUT -m statistic --mode nth --every 0
x iptables -A INPUT -m statistic --mode nth ! --every 2
x iptables -A INPUT -m statistic --mode nth ! --every 2 --packet 1
x iptables -A INPUT -m statistic ! --mode nth --every 2 --packet 1
x iptables -A INPUT -m statistic --mode random --probability 0.75 ! --probability 0.5
ip netns exec fw iptables-save | grep -v "^#"
