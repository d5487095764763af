# env: -i, -u, NAME=VALUE words, then a command run with that environment or, with none, the
# environment printed; a command not found (127) and usage errors (125).
env -i A=1 B=2; echo "rc=$?"
env -i A=1 bash -c 'echo "A=$A B=${B-unset}"'
X=5 env | grep '^X='
export Y=7; env | grep '^Y='
env -u HOME bash -c 'echo "home=${HOME-unset}"'
env -i; echo "rc=$?"
env -i nosuchcmd; echo "rc=$?"
env -z 2>&1; echo "rc=$?"
env -i C=3 env
env -- A=9 bash -c 'echo $A'
env A=1 false; echo "rc=$?"
env =x true; echo "rc=$?"
env -u; echo "rc=$?"
