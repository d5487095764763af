# netstat -s with options it refuses: a second mode, another address family
# (on stdout), an unknown one; and the filters that leave only the tables
# net-tools does not know (-U, -S).
ip netns add a
t() { echo "== $*"; ip netns exec a netstat "$@"; echo "status $?"; }
ip netns exec a netstat -s -r 2>&1 | head -2
for o in -ss "-s -i" "-s -M"; do
  ip netns exec a netstat $o > /dev/null 2>&1
  echo "$o: status $?"
done
t -s -x
t -s -A inet,unix
t -s -4 -x
t -s -A bogus
t -s -U
t -s -S
t -s -tu
