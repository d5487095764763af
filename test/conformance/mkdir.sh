# mkdir: -p (existing directories are no error, each missing ancestor made), -v, -m, and its
# errors (missing operand, bad option or mode, EEXIST, ENOENT, ENOTDIR). Made under /run/netns, the
# real side's private tmpfs; what is made there is read, written and globbed like any directory.
mkdir -p /run/netns
cd /run/netns
mkdir; echo "rc=$?"
mkdir -p; echo "rc=$?"
mkdir /run; echo "rc=$?"
mkdir -p /run; echo "rc=$?"
mkdir nonexist-x/y; echo "rc=$?"
mkdir -v nd1 nd1; echo "rc=$?"
mkdir -pv nd2/a/b; echo "rc=$?"
mkdir -x; echo "rc=$?"
mkdir --foo; echo "rc=$?"
mkdir -m 700 nd3; echo "rc=$?"
mkdir -m 9 nd5; echo "rc=$?"
echo f > file
mkdir file/x; echo "rc=$?"
mkdir -p file/x; echo "rc=$?"
mkdir file; echo "rc=$?"
mkdir -p file; echo "rc=$?"
mkdir -p /proc/sys/net/x; echo "rc=$?"
mkdir --parents --verbose nd4//q/; echo "rc=$?"
echo hi > nd2/a/b/f; cat nd2/a/b/f
echo nd*/ nd2/*/*
echo x > nd9/f; echo "rc=$?"
grep -r . nd2 | sort
