# sort -c/-C (the first line out of order, on stderr, exit 1), -M month order, -d dictionary
# order, -i without nonprinting characters, -b without leading blanks, -S's argument checked.
printf 'b\na\n' | sort -c; echo "c: $?"
printf 'a\na\n' | sort -cu; echo "cu: $?"
printf 'a\nb\nb\n' | sort -c; echo "c sorted: $?"
printf 'b\na\n' | sort -C; echo "C: $?"
printf 'x\ny\n' | sort -c - -; echo "c two: $?"
printf 'feb 1\n  jan 2\nxyz\nDEC 3\nMar\n' | sort -M
printf 'mar x\njan y\nfoo z\n' | sort -k1,1M
printf 'a-c\nab\na c\naa\n' | sort -d
printf 'a\001c\nab\naa\n' | sort -i | tr '\001' '^'
printf '  b\na\n c\n' | sort -b
printf 'x\n' | sort -S abc; echo "S abc: $?"
printf 'y\nx\n' | sort -S 10M; echo "S 10M: $?"
printf 'B\na\nC\n' | sort --ignore-case --check; echo "check: $?"
printf 'b\na\n' | sort --check=quiet; echo "check=quiet: $?"
printf 'b\na\n' | sort --check=q; echo "check=q: $?"
printf 'b\na\n' | sort --check=diagnose-first; echo "check=diagnose-first: $?"
printf 'a\n' | sort --check=foo; echo "check=foo: $?"
