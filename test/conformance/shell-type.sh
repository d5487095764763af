# type: -t (the kind), -p and -P (a file's path; only its name is printed here, PATH differs between
# machines), -a, -f, not found and usage errors.
f() { :; }
type -t echo f if ip nosuch; echo "rc=$?"
type -p ip echo f | sed 's|.*/||'; echo "rc=${PIPESTATUS[0]}"
type -P echo | sed 's|.*/||'; echo "rc=${PIPESTATUS[0]}"
type -a echo | head -1; type -at echo | head -1; type -a if
type f | head -1
type -x; echo "rc=$?"
type if
type -f f; echo "rc=$?"
type -t -f f nosuch; echo "rc=$?"
