# Shell semantics lab scripts rely on: quoting, variables, arithmetic, loops, functions.
name=world
echo "hello $name" 'single $name' "${name}s" \$escaped "tab	in quotes"
empty=
echo "[${empty:-default}] [${unset_var-fallback}] [${name:+set}] [${#name}]"
path=/usr/local/bin/tool.sh
echo "${path##*/} ${path%/*} ${path#/usr} ${path%.sh} ${path/local/LOCAL}"
echo $((3 + 4 * 2)) $(( (10 - 4) / 3 )) $((7 % 3)) $((2 ** 10)) $((1 << 4)) $((-5 / 2))
i=0
i=$((i + 1)); ((i++)); let i+=2
echo "i=$i"
ip=$(( (10 << 24) | (0 << 16) | (1 << 8) | 7 ))
echo "ip as int: $ip, octets: $(( (ip >> 24) & 255 )).$(( (ip >> 16) & 255 )).$(( (ip >> 8) & 255 )).$(( ip & 255 ))"
for ns in red green blue; do
  printf '%s ' "$ns"
done
echo
for i in 1 2 3 4 5; do
  [ "$i" -eq 2 ] && continue
  [ "$i" -eq 4 ] && break
  echo "loop $i"
done
n=0
while [ $n -lt 3 ]; do n=$((n + 1)); done
until [ $n -le 0 ]; do n=$((n - 1)); done
echo "n=$n"
for ((j = 0; j < 3; j++)); do echo -n "$j"; done
echo
greet() {
  local who=$1
  shift
  echo "greet $who, $# more: $*"
  return 3
}
greet alice bob carol
echo "status $?"
who=outer
greet inner
echo "who=$who"
set -- "a b" c "d  e"
echo "count $#"
for arg in "$@"; do echo "<$arg>"; done
for arg in $*; do echo "[$arg]"; done
words="one   two three"
for w in $words; do echo "w=$w"; done
echo "$words"
case "$name" in
  w*d) echo "matched glob" ;;
  *) echo "no match" ;;
esac
case x.tar.gz in *.zip) echo zip ;; *.tar.*|*.tgz) echo tarball ;; esac
if [ -z "$empty" ] && [ -n "$name" ]; then echo "test ok"; fi
if [[ $name == w* && $path =~ tool ]]; then echo "double bracket ok"; fi
[ "abc" \< "abd" ] && echo "string compare ok"
{ echo grouped; echo block; } | wc -l
(cd /tmp && echo "in subshell"); echo "after subshell"
x=1; (x=2); echo "x=$x"
echo `echo backticks` $(echo $(echo nested))
export LAB=1
echo "exported: $LAB"
readonly RO=fixed
echo "${RO}"
echo 'it'\''s' "a \"quoted\" word" $'ansi\tc'
echo done
