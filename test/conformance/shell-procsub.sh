# Process substitution <(LIST): the word is a /dev/fd path (63, 62, ... within a command) that reads
# LIST's output, for redirections, operands and loops.
echo <(true) <(true)
cat <(echo one) <(echo two)
while read -r l; do echo "[$l]"; done < <(printf 'a\nb\n')
mapfile -t arr < <(seq 3); echo "${arr[*]}"
diff_like() { while read -r x; do echo "got $x"; done < "$1"; }; diff_like <(echo z)
wc -l < <(printf '1\n2\n3\n')
grep -c b <(printf 'a\nb\nb\n')
ip netns add p1; ip netns add p2
for ns in $(cat <(ip netns list | sort)); do echo "ns $ns"; done
x=$(cat <(echo sub)); echo "$x"
cat <(false); echo "rc=$?"
