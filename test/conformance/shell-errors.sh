# Failure paths: unknown commands, exit statuses, set -e/-u, bad arguments.
nosuch_command arg
echo "not found: $?"
./missing-script.sh
echo "missing path: $?"
false
echo "false: $?"
! true
echo "negated: $?"
true | false
echo "pipeline: $?"
(exit 42)
echo "subshell exit: $?"
f() { return 7; }
f || echo "f failed with $?"
x=$(exit 5)
echo "substitution status: $?"
[ 1 -eq one ] 2>/dev/null
echo "bad integer: $?"
[ 1 -eq one ]
echo "shown error: $?"
cd /nonexistent/dir
echo "cd: $?"
cat /nonexistent/file
echo "cat: $?"
grep pattern /nonexistent/file
echo "grep: $?"
head -n abc </dev/null
echo "head: $?"
wc --bogus </dev/null
echo "wc: $?"
echo hi >/dev/null 2>&1
echo "redirect: $?"
echo "to stderr" 1>&2
ls_unknown 2>/dev/null || echo "silenced"
exit_in_func() { exit 3; }
(exit_in_func); echo "after exit in subshell: $?"
set -e
if false; then echo never; fi
false || echo "or list keeps going"
false && echo never
echo "still alive"
set +e
set -u
echo "${unset_but_default:-ok}"
( echo "$really_unset" ) 2>&1
echo "subshell with unbound: $?"
set +u
trap 'echo "exit trap ran"' EXIT
set -e
echo before
false
echo "never printed"
