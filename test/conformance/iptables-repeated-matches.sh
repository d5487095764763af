# Two instances of one match: options go to the later one (xtables_merge_options), and
# native tcp/udp port/flag matches read back merged into the first one, as iptables-nft lists them.
iptables -A INPUT -m recent --rcheck --name a -m recent --set --name b
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp --sport 2
iptables -A INPUT -m physdev --physdev-in a -m physdev --physdev-out b
iptables -A INPUT -m mark --mark 1 -m comment --comment x -m mark --mark 2
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp --dport 2
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp --tcp-option 5
iptables -A INPUT -p udp -m udp --dport 1 -m udp --sport 2
iptables -A INPUT -p tcp -m tcp --dport 1 -m comment --comment x -m tcp --sport 2
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp --syn
iptables -A INPUT -p tcp -m tcp --tcp-option 5 -m tcp --dport 1
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp ! --sport 2
iptables -S INPUT
iptables -L INPUT -n
iptables -C INPUT -p udp -m udp --dport 1 -m udp --sport 2; echo "check=$?"
iptables -D INPUT -p tcp -m tcp --dport 1 -m comment --comment x -m tcp --sport 2; echo "delete=$?"
iptables -D INPUT -m recent --rcheck --name a -m recent --set --name b; echo "delete=$?"
iptables -S INPUT
