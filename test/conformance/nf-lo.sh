# ping 127.0.0.1: the packets leave through OUTPUT/POSTROUTING and come back through PREROUTING/INPUT.
ip link set lo up
iptables -A OUTPUT -o lo -p icmp
iptables -A INPUT -i lo -p icmp --icmp-type echo-request
iptables -A INPUT -i lo -p icmp --icmp-type echo-reply
iptables -t mangle -A PREROUTING -i lo
iptables -t mangle -A POSTROUTING -o lo
iptables -t raw -A PREROUTING -i lo
iptables -t raw -A OUTPUT -o lo
ping -c 2 -i 0.2 127.0.0.1 | grep -v rtt
iptables-save -c | grep -v '^#'
echo "== drop requests in INPUT"
iptables -I INPUT -i lo -p icmp --icmp-type echo-request -j DROP
ping -c 2 -i 0.2 -W 1 127.0.0.1
echo "ping: $?"
echo "== reject in OUTPUT"
iptables -F INPUT
iptables -I OUTPUT -d 127.0.0.2 -j REJECT --reject-with icmp-host-prohibited
ping -c 1 -W 1 127.0.0.2
echo "ping: $?"
iptables -L -v -x -n
