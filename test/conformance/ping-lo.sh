# ping over lo: down (no route at all), up, then down again with the address kept.
ping -c 1 -W 1 127.0.0.1
echo "ping: $?"
ip link set lo up
ping -c 2 -i 0.2 127.0.0.1
echo "ping: $?"
ping -c 1 -I lo 127.0.0.1
echo "ping: $?"
ping -c 1 localhost
echo "ping: $?"
ip link set lo down
ping -c 1 -W 1 127.0.0.1
echo "ping: $?"
