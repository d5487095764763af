# shopt: listing (57 options, as a fresh bash script has them), -p, -q, -s, -u and errors; the glob
# options it changes: nullglob, dotglob, nocaseglob, failglob (whose "no match" drops the rest of
# the command line, in a list, an if or a function alike).
cd grep-tree
shopt nullglob dotglob; echo "rc=$?"
shopt -p failglob
shopt -q nullglob; echo "q=$?"
shopt -s nullglob; echo [nomatch]* x; shopt -u nullglob; echo nomatch*
shopt -s dotglob; echo *; echo .*; shopt -u dotglob
shopt -s nocaseglob; echo A W*; shopt -u nocaseglob
shopt -s failglob; echo nomatch*; echo "rc=$?"; echo still; shopt -u failglob
shopt -s nosuchopt; echo "rc=$?"
shopt -x; echo "rc=$?"
shopt | grep -c .
shopt -s | head -3
shopt -p dotglob sourcepath
echo line2
shopt -s failglob; echo nomatch* ; echo n2
if true; then echo nomatch*; echo inner; fi; echo after
f() { echo nomatch*; echo infunc; }; f; echo afterf
