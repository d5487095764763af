# getopt_long as iptables 1.8.9 uses it: abbreviations, ambiguity, --opt=value, attached short arguments.
ip netns add fw
x() { ip netns exec fw "$@"; echo "status $?"; }
x iptables --app INPUT -j ACCEPT
x iptables --a INPUT -s 10.0.0.1
x iptables --ins INPUT -j DROP
x iptables --in INPUT
x iptables --de INPUT 1
x iptables --delete=INPUT 1
x iptables --sr 10.0.0.2 -A INPUT
x iptables --ds 10.0.0.3 -A INPUT
x iptables --so 10.0.0.4 -A INPUT
x iptables --s 10.0.0.5 -A INPUT
x iptables --pro tcp --dp 80 -A INPUT
x iptables -p tcp --d 80 -A INPUT
x iptables -p tcp --destination-p 81 -A INPUT
x iptables -p udp --sp 53 -A INPUT
x iptables -p tcp --so 22 -A INPUT
x iptables --list-r INPUT
x iptables --li INPUT
x iptables --l INPUT
x iptables --line -L INPUT
x iptables --new U5
x iptables --ne U6
x iptables --ver
x iptables --verb -L INPUT
x iptables --ex -nvL INPUT
x iptables --frag -A INPUT
x iptables --fragment -A INPUT
x iptables --go U5 -A INPUT
x iptables --goto U5 -A INPUT
x iptables --j ACCEPT -A INPUT
x iptables --jump ACCEPT -A INPUT
x iptables --ma tcp -p tcp -A INPUT
x iptables --match=tcp -p tcp -A INPUT --dport=443
x iptables --tab nat -S
x iptables --table=nat -S
x iptables --z
x iptables --zero INPUT
x iptables --po FORWARD DROP
x iptables --policy FORWARD ACCEPT
x iptables --rename-chain U5 U7
x iptables --delete-chain U7
x iptables --ipv4 -S FORWARD
x iptables --numeric=x -L
x iptables -A INPUT -p tcp --syn=1
x iptables -A INPUT -m comment --comm=hello
x iptables -A INPUT -m comment --co hello2
x iptables --source=1.1.1.1 -A INPUT
x iptables --jump=ACCEPT -A INPUT
x iptables --protocol=udp -A INPUT
x iptables --in-interface=lo -A INPUT
x iptables -A INPUT -s1.1.1.1
x iptables -A INPUT -d1.1.1.1
x iptables -A INPUT -jACCEPT
x iptables -A INPUT -pudp
x iptables -A INPUT -ilo
x iptables -A OUTPUT -olo
x iptables -AINPUT -j ACCEPT
x iptables -A INPUT -gU6
x iptables -A INPUT -mtcp -p tcp
x iptables -tnat -S POSTROUTING
x iptables -A INPUT -c1 2
x iptables -P=INPUT DROP
x iptables -NU8
x iptables -XU8
x iptables -nL INPUT 1
x iptables -Ln
x iptables -vnxL INPUT 2
x iptables -S
x iptables -S OUTPUT
