# ipset: error messages and exit codes of the command line.
r() { ipset "$@"; echo "rc=$?"; }
r
r foo
r create
r create a
r create a hash:foo
r create toolongname012345678901234567890123456789 hash:ip
r create a hash:ip initval 1
r create a hash:ip initval 1
r create a hash:net
r -exist create a hash:ip hashsize 2048
r -exist create a hash:ip timeout 5
r create b hash:ip netmask 33
r create b hash:ip bogus
r create b hash:ip timeout
r create b hash:ip timeout abc
r create b hash:ip,port netmask 24
r create c bitmap:port
r add
r add a
r add nosuch 1.2.3.4
r add a 1.2.3.300
r add a 1.2.3.4
r add a 1.2.3.4
r -exist add a 1.2.3.4
r -! add a 1.2.3.4
r add a 1.2.3.4 -exist
r -q add a 1.2.3.4
r add a 1.2.3.5 timeout 10
r add a 1.2.3.5 comment foo
r add a 1.2.3.5 packets 10
r add a 1.2.3.5 nomatch
r add a 1.2.3.5 foo
r add a 1.1.1.1/33
r add a 1.1.1.1/0
r del a 9.9.9.9
r -exist del a 9.9.9.9
r test a 1.2.3.4
r test a 9.9.9.9
r -q test a 9.9.9.9
r -q foo
r list nosuch
r -q list nosuch
r list a b
r destroy nosuch
r flush nosuch
r rename nosuch x
r swap nosuch a
r swap a nosuch
r version
r -v
