# ping's argument errors, sizes and quiet output.
ip link set lo up
ping
echo "ping: $?"
ping -c 0 127.0.0.1
echo "ping: $?"
ping -c abc 127.0.0.1
echo "ping: $?"
ping -t 256 -c 1 127.0.0.1
echo "ping: $?"
ping -t 0 -c 1 127.0.0.1
echo "ping: $?"
ping -s -1 -c 1 127.0.0.1
echo "ping: $?"
ping -W -1 -c 1 127.0.0.1
echo "ping: $?"
ping -x 127.0.0.1 2>&1 | head -3
ping -c 1 127.0.0.1 -I
echo "ping: $?"
ping -c 1 -I nosuchdev 127.0.0.1
echo "ping: $?"
ping -c 1 -I 10.1.2.3 127.0.0.1
echo "ping: $?"
ping -c 1 nosuchhost
echo "ping: $?"
ping -c 1 -s 100 127.0.0.1
ping -c 2 -i 0.01 -s 8 127.0.0.1
ping -c 1 -s 0 127.0.0.1
ping -c 3 -i 0.01 -q 127.0.0.1
echo "ping: $?"
ping -c 1 -n 127.1
ping -w 1 -i 0.3 127.0.0.1
echo "ping: $?"
