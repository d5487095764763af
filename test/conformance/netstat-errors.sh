# netstat: bad options, version, and the UNIX section of a plain listing.
ip netns add a
t() { echo "== $*"; ip netns exec a "$@"; echo "status $?"; }
t netstat -Q
t netstat --bogus
t netstat -V
t netstat -h
t netstat
t netstat -an
t netstat -tx
t netstat -lx
