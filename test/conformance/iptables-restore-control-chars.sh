# Control characters other than blanks in a restore's words (comments, chain names) are word
# characters: kept as they are, from a file read through < (podpath takes its bytes as they are)
# and from a pipe. tr shows them: A for \001, _ for \037, ? for \177.
show() { tr '\001\037\177' 'A_?'; }
iptables-restore < iptables-restore-control-chars.rules
echo "file: $?"
iptables-save | grep -v '^#' | show
printf '*filter\n:Y\001 - [0:0]\n-A Y\001 -m comment --comment "z\001" -j RETURN\n-A INPUT -j Y\001\nCOMMIT\n' | iptables-restore --noflush
echo "pipe: $?"
iptables -S | show
iptables -L INPUT -n | show
iptables -t filter -L X -n -v | show
