# "$@" and "$*" with the operators bash applies element by element (#, %, /, ^, ,, :-, :+), and
# which quoted empty lists make no field and which make an empty one.
set -- -a "b c" -d
echo "${@#-}" "${*#-}" ${@^^} "${@:-x}"; set --; echo "${@:-empty}" "${@:+alt}"
f() { echo "${@/a/A}"; }; f aa ba
echo "[$@]" "[$*]"
set --; for x in "${@:-}"; do echo "[$x]"; done; a=(); for x in "${a[@]:-}"; do echo "<$x>"; done; for x in "${a[@]#q}"; do echo "{$x}"; done; echo end
