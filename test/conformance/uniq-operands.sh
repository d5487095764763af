# uniq's operands and -z: `-` as OUTPUT is stdout, a third operand is refused, and -z reads and
# writes lines ended by NUL (tr shows them as |).
printf 'a\na\nb\n' | uniq - -
echo "dash: $?"
printf 'a\n' | uniq - - extra
echo "extra: $?"
printf 'a\0a\0b' | uniq -zc | tr '\0' '|'
echo
printf 'b\0a\0a\0' | uniq -zd | tr '\0' '|'
echo
printf 'x\ny\ny\n' | uniq -u -z | tr '\0' '|'
echo
