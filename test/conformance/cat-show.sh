# cat's showing options (-A -b -e -E -n -s -t -T -v and their long forms) on text with tabs,
# control characters, DEL, UTF-8 and runs of empty lines; numbering and squeezing go on
# from one file (here: one input) to the next.
text() { printf '\n\n\na\tb\001\177\n\n\n\nc é\n\nd'; }
for o in -A -b -e -E -n -s -t -T -v -u -sn -bE -ET -nA -bs --show-all --number-nonblank --squeeze-blank --show-ends --show-tabs --show-nonprinting; do
  echo "== cat $o"
  text | cat $o
  echo
done
echo "== two inputs (cat-show.txt: two empty lines, x, three empty lines, y)"
text | cat -ns - cat-show.txt
echo
text | cat -bA cat-show.txt -
echo
