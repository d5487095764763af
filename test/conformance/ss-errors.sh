# ss: bad states, bad filters and bad options, with their messages and exit statuses.
ip netns add a
t() { echo "== $*"; ip netns exec a "$@"; echo "status $?"; }
t ss -tan state bogus
t ss -tan state
t ss -tan sport = :nosuchport
t ss -tan dst 1.2.3.4.5
t ss -tan garbage
t ss -tan '(' sport = :80
t ss -tan sport
t ss -tan 10.0.0.1
t ss -Q
t ss --bogus
t ss -Z
t ss -V
t ss -h
