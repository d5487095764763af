# Redirections to paths that cannot be opened: a missing directory (ENOENT), a file on the way
# (ENOTDIR), a directory (EISDIR), including /proc/sys's. The command does not run, the status
# is 1, and nothing is written.
echo hi > /no-such-podpath-dir/f; echo "rc=$?"
echo hi >> /no-such-podpath-dir/sub/f; echo "rc=$?"
cat /no-such-podpath-dir/f; echo "rc=$?"
echo hi > cat-show.txt/inner; echo "rc=$?"
echo hi > grep-tree/a/b/c; echo "rc=$?"
echo hi > /; echo "rc=$?"
echo hi > grep-tree; echo "rc=$?"
echo 1 > /proc/sys/net/ipv4/conf; echo "rc=$?"
echo 1 > /proc/sys/net/ipv4/conf/nodev/forwarding; echo "rc=$?"
{ echo never; } > /no-such-podpath-dir/g; echo "rc=$?"
cat grep-tree/a
