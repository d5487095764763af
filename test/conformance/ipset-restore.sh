# ipset restore: line by line, not atomic; errors name the line, a batch of adds is lost on a parse error.
ipset create x hash:ip initval 1
ipset restore <<'X'
create a hash:ip initval 1
add a 1.1.1.1
add a 1.1.1.2
create x hash:ip
X
echo "rc=$?"
ipset list -n
ipset restore <<'X'
# a comment, and a blank line

create b hash:ip initval 1
add b 1.1.1.1
add b 1.1.1.1
add b 1.1.1.3
X
echo "rc=$?"
ipset list b
ipset -exist restore <<'X'
create b hash:ip initval 1
add b 1.1.1.1
flush b
add b 1.1.1.9
foo bar
add b 1.1.1.10
X
echo "rc=$?"
ipset list b
printf 'create r2 hash:ip initval 2\nadd r2 1.1.1.1\nadd r2 1.1.1.2\nadd r3 1.1.1.1\n' | ipset restore
echo "rc=$?"
ipset list -t r2 | tail -1
printf 'create r5 hash:ip\nadd r5 1.1.1.1\nadd r5 1.1.1.2 timeout 5\n' | ipset restore
echo "rc=$?"
ipset list -t r5 | tail -1
printf 'create r6 hash:ip\nadd r6 1.1.1.1\nadd r6 1.1.1.2 bogus\n' | ipset restore
echo "rc=$?"
ipset list -t r6 | tail -1
printf 'create r7 hash:ip\nadd r7 1.1.1.1\nadd r7 1.1.1.2 timeout x\n' | ipset restore
echo "rc=$?"
printf 'create r8 hash:ip initval 8\ncreate r8 hash:ip\nCOMMIT\n' | ipset restore -!
echo "rc=$?"
printf -- '-A r8 1.1.1.1\n-D r8 1.1.1.1\ntest r8 1.1.1.1\n' | ipset restore
echo "rc=$?"
printf 'add r8 1.1.1.1\ntest r8 1.1.1.1\nlist r8\n' | ipset restore
echo "rc=$?"
echo "add nosuch 1.1.1.1" | ipset restore
echo "rc=$?"
printf 'create f hash:ip initval 3\nadd f 1.1.1.1 -exist\nadd f 1.1.1.1 -exist\n' | ipset restore
echo "rc=$?"
printf 'create g bitmap:port range 1-10\nadd g 11\n' | ipset restore
echo "rc=$?"
printf 'create c hash:ip,port initval 4 comment\nadd c 1.1.1.1,80 comment "hello world"\ndestroy x\nswap c a\n' | ipset restore
echo "rc=$?"
ipset save > /dev/null
ipset save c
ipset save | ipset restore -exist
echo "rc=$?"
ipset flush
ipset list -t | grep -c entries:
ipset destroy
ipset list -n
echo "end"
