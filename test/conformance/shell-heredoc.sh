# Here-documents, here-strings, printf and echo as lab scripts use them.
ns=blue
cat <<EOF
namespace: $ns
command: $(echo sub)
literal \$ns and \\ backslash
EOF
cat <<'EOF'
quoted: $ns $(nothing) \n
EOF
cat <<-EOF
	tab stripped $ns
		inner tab kept
	EOF
while read -r key value; do
  echo "key=$key value=$value"
done <<EOF
alpha 1
beta 2 extra
gamma
EOF
read -r first rest <<< "one two three"
echo "first=$first rest=$rest"
IFS=: read -r a b c <<< "x:y:z"
echo "$a $b $c"
tr a-z A-Z <<< "shout"
wc -l <<< "$(printf 'a\nb\nc')"
printf '%s\n' one two three
printf '%-8s|%5s|%05d|%x|%o|%.2f|%e\n' left right 42 255 8 3.14159 12345.678
printf '%s-%s\n' a b c
printf '%d%%\n' 50
printf 'no args\n'
printf '%b\n' 'back\tslash'
printf '%q\n' 'needs quoting here'
printf '[%3d] [%-3d] [%+d]\n' 7 7 7
printf '%c%c\n' hello world
printf -v var '%03d' 9
echo "var=$var"
echo -n "no newline"
echo
echo -e "escape\tand\nnewline"
echo -e 'stop\c here'
echo
echo -n -e "x\ty\n"
printf '%d\n' notanumber
echo "printf status $?"
