# getopts (grouped options, attached and separate arguments, --, errors in normal and silent mode,
# OPTIND kept between calls) and the positional slices ${@:N:L} and ${*:N} that go with it; an
# empty list in quotes makes no field.
parse() {
  OPTIND=1
  while getopts "ab:c" opt "$@"; do
    case $opt in
      a) echo "a";;
      b) echo "b=$OPTARG";;
      c) echo "c";;
      \?) echo "bad ${OPTARG-unset}";;
      :) echo "missing $OPTARG";;
    esac
  done
  echo "end OPTIND=$OPTIND opt=$opt rest=${*:OPTIND}"
}
parse -a -b 1 x y
parse -acb2 z
parse -ca -- -b
parse -x -a
parse -b
parse
silent() {
  OPTIND=1
  while getopts ":ab:" opt "$@"; do echo "opt=$opt arg=${OPTARG-unset}"; done
  echo "end $OPTIND"
}
silent -x -b
set -- -a -b v w
while getopts ab: o; do echo "$o ${OPTARG-}"; done; echo "OPTIND=$OPTIND"
getopts; echo "rc=$?"
set -- a b c d
echo "${@:2}" "${@:0:2}" "${*:2:2}" ${@: -1} "${@:5}" | cat -A
g() { echo "${@:2:1}"; }; g x y z
e=(); for x in "${e[@]}"; do echo in; done; echo "[${e[@]}]"; set --; for x in "$@"; do echo in2; done; g=(""); for x in "${g[@]}"; do echo "in3[$x]"; done
