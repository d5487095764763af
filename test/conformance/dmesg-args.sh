# dmesg argument handling (the ring buffer itself is the machine's, shared with every other process: not printed here).
t() { echo "\$ $*"; "$@" > /dev/null; echo "rc=$?"; }
t dmesg -l foo
t dmesg -x -l warn,foo
t dmesg -l
t dmesg --level
t dmesg -f foo
t dmesg --bogus
t dmesg -Q
t dmesg a b
t dmesg -s abc
t dmesg --time-format foo
t dmesg -n bogus
t dmesg -r -x
t dmesg -r -t
t dmesg -T -r
t dmesg --notime --raw
t dmesg --c
dmesg -V
dmesg --help | head -5
dmesg -h | tail -3
