# A jump loop (or a rule refused at its hook) reachable from a base chain fails the batch at COMMIT;
# the kernel then replays it validating after each rule: the first rule that makes the table invalid
# is blamed, and every rule added after it too. A loop no base chain reaches, or one the batch undoes
# again, is no error (while no batch of the namespace has failed since its last successful commit).
restore() { printf "$1" | iptables-restore; echo "rc=$?"; }
# (First: after a failed batch the kernel validates after every rule until a commit succeeds.)
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\n-A FORWARD -j ACCEPT\n-D INPUT -j a\n-A OUTPUT -j ACCEPT\nCOMMIT\n'
iptables-save | grep -v '^#'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A INPUT -j a\n-A a -j b\n-A b -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n-A a -j a\n-A INPUT -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n:c - [0:0]\n-A INPUT -j c\n-A a -j b\n-A b -j a\n-A c -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A OUTPUT -j b\n-A INPUT -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -g b\n-A b -j a\n-A INPUT -j a\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\n-A FORWARD -j ACCEPT\n-I a -j ACCEPT\nCOMMIT\n*nat\n:c - [0:0]\n-A c -j c\n-A PREROUTING -j c\nCOMMIT\n'
restore '*filter\n:a - [0:0]\n-A INPUT -j a\n-A a -m owner --uid-owner 0\n-A FORWARD -j ACCEPT\nCOMMIT\n'
iptables -F
iptables -X
iptables -N x
iptables -N y
iptables -A x -j y
iptables -A y -j x
printf '*filter\n-A OUTPUT -j ACCEPT\n-I INPUT -j x\n-A y -j ACCEPT\nCOMMIT\n' | iptables-restore --noflush; echo "rc=$?"
iptables -A INPUT -j x; echo "rc=$?"
iptables-save | grep -v '^#'
