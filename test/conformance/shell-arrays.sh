# Indexed arrays: compound and element assignment (+=, arithmetic and negative subscripts, sparse
# indexes), ${a[i]}, "${a[@]}" and "${a[*]}" (IFS), ${#a[@]}, ${!a[@]}, the list operators, unset of
# an element, PIPESTATUS, read -a, local and declare -a.
a=(one two "three four" five)
echo "${a[0]} ${a[2]} ${#a[@]} ${#a[2]} ${a[-1]} $a ${a}"
for x in "${a[@]}"; do echo "[$x]"; done
for x in ${a[@]}; do echo "<$x>"; done
echo "${a[*]}"; IFS=:; echo "${a[*]}"; unset IFS
a+=(six); a[9]=ten; echo "${#a[@]} ${!a[@]}"
unset 'a[1]'; echo "${!a[@]} / ${a[@]}"
i=2; a[i+1]=X; a[$i]+=Y; echo "${a[2]} ${a[3]}"
b=(); echo "empty ${#b[@]} [${b[@]}]"; b[5]=x; echo "${!b[@]}"
c=x; c[1]=y; echo "${c[@]} ${#c[@]}"
echo "${a[@]:1:2}" "${a[@]/o/0}" "${a[@]^^}" "${a[@]#t}"
echo "${z[@]:-default}" "${a[@]:+alt}" "${#z[@]}"
true | false | true; echo "${PIPESTATUS[@]} ${PIPESTATUS[1]}"
false; echo "${PIPESTATUS[0]}"
read -r -a r <<< "  p q   r  "; echo "${#r[@]}: ${r[*]}"
IFS=, read -a s <<< "1,2,,3"; echo "${#s[@]}: ${s[@]}"
f() { local arr=(l1 l2); arr[0]=L; echo "${arr[@]}"; }; arr=(g1); f; echo "${arr[@]}"
declare -a d; echo "${#d[@]}"; d+=(q); echo "${d[0]}"
nets=(10.0.1 10.0.2); for n in "${nets[@]}"; do echo "$n.1"; done
m=( $(echo x y) *.nomatch ); echo "${m[@]}"
echo ${#a[@]}
e=(); echo "${e[-1]}"; echo rc=$?
b=(1 2); unset "b[-1]"; echo ${b[@]}; unset "b[-5]"; echo rc=$?
