# ip rule: default rules, automatic priorities, every selector's format, del matching, flush, errors.
ip netns add a
ip -n a link add d0 type veth peer name p0
ip -n a rule
echo "rc=$?"
ip -n a rule add from 10.0.0.0/8 lookup 100; echo "rc=$?"
ip -n a rule add to 20.0.0.0/8 table 101
ip -n a rule add fwmark 1 lookup 102
ip -n a rule add fwmark 0x10/0xff lookup 103
ip -n a rule add iif d0 lookup 104
ip -n a rule add oif d0 lookup 105
ip -n a rule add not from 1.2.3.4 lookup 106
ip -n a rule add tos 0x10 lookup 107
ip -n a rule add pref 100 from all lookup main
ip -n a rule add priority 200 unreachable
ip -n a rule add prio 300 prohibit
ip -n a rule add pref 400 blackhole
ip -n a rule add pref 500 from 1.1.1.1 goto 32766
ip -n a rule add from 1.1.1.1 lookup 100; echo "rc=$?"
ip -n a rule add from 1.1.1.1 lookup 100; echo "rc=$?"
ip -n a rule add pref 100 from all lookup main; echo "rc=$?"
ip -n a rule add iif nosuch lookup 5; echo "rc=$?"
ip -n a rule add from 2.2.2.2 table default
ip -n a rule add from 2.2.2.3 table local
ip -n a rule add from 2.2.2.4 table 255
ip -n a rule add from 2.2.2.5/32
ip -n a rule add from 2.2.2.6/24 lookup 9
ip -n a rule add from 2.2.2.0/24 to 3.3.3.0/24 iif lo lookup 10 pref 33000
ip -n a rule add table 11 suppress_prefixlength 0
echo "--- show"
ip -n a rule show
ip -n a rule list table 100
ip -n a rule show pref 100
echo "--- errors"
ip -n a rule add from foo lookup 1; echo "rc=$?"
ip -n a rule add frob; echo "rc=$?"
ip -n a rule add lookup x; echo "rc=$?"
ip -n a rule add pref x lookup 5; echo "rc=$?"
ip -n a rule add fwmark x lookup 5; echo "rc=$?"
ip -n a rule frob; echo "rc=$?"
ip -n a rule add; echo "rc=$?"
ip -n a rule del; echo "rc=$?"
echo "--- del"
ip -n a rule del from 9.9.9.9; echo "rc=$?"
ip -n a rule del pref 9999; echo "rc=$?"
ip -n a rule del from 10.0.0.0/8; echo "rc=$?"
ip -n a rule del table 101; echo "rc=$?"
ip -n a rule del pref 100; echo "rc=$?"
ip -n a rule del pref 32766; echo "rc=$?"
ip -n a rule delete fwmark 0x10/0xff; echo "rc=$?"
ip -n a rule
ip -n a rule flush; echo "rc=$?"
ip -n a rule
ip -n a rule add pref 0 lookup 12
ip -n a rule del pref 0; echo "rc=$?"
ip -n a rule
ip -n a rule add lookup main; echo "rc=$?"
ip -n a rule add lookup 20; echo "rc=$?"
ip -n a rule
