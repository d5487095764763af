# [[ =~ ]] sets BASH_REMATCH (the match and each group; emptied by a failed match); mapfile and
# readarray (-t -n -s -d -O, MAPFILE by default) and their errors.
x="ip=10.0.0.5/24"
if [[ $x =~ ([0-9.]+)/([0-9]+)(x)? ]]; then echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} [${BASH_REMATCH[3]}] ${#BASH_REMATCH[@]}"; fi
[[ abc =~ z ]]; echo "$? ${#BASH_REMATCH[@]}"
printf "a\nb\nc\n" | { mapfile -t -n 2 -s 1 x; echo "${#x[@]} ${x[*]}"; }
printf "a,b," | { mapfile -d , y; echo "${#y[@]} [${y[0]}]"; }
printf "q\nr" | { mapfile; echo "${#MAPFILE[@]} [${MAPFILE[0]}] [${MAPFILE[1]}]"; }
printf "1\n2\n" | { readarray -t -O 3 z; echo "${!z[@]} ${z[@]}"; }
mapfile -x; echo "rc=$?"
mapfile 1bad < /dev/null; echo "rc=$?"
mapfile -n x < /dev/null; echo "rc=$?"
ip netns add m1; ip netns add m2
mapfile -t names < <(ip netns list) 2>/dev/null || names=(unsupported)
ip netns list | sort | { mapfile -t ns; echo "${#ns[@]}: ${ns[*]}"; }
