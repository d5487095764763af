# ls as a script sees it (no terminal: one name a line, sorted): -a, -A, -d, -r, -R, -1, files before
# directories with headers, errors; /run/netns and /proc/sys/net as the namespace shows them.
ls grep-tree; echo "rc=$?"
ls -a grep-tree; ls -A grep-tree
ls grep-tree/sub grep-tree/a
ls -d grep-tree grep-tree/sub
ls nosuch grep-tree/a; echo "rc=$?"
ls -r grep-tree; ls -1 grep-tree/sub; ls -R grep-tree; ls -aR grep-tree/sub
ls grep-tree/a/; echo "rc=$?"
ls -z; echo "rc=$?"
cd grep-tree && ls && cd ..
ip netns add lsns; ip link add v0 type veth peer name v1
ls /run/netns; ls /proc/sys/net/ipv4/conf; ls /proc/sys/net/ipv4/neigh/v0 | head -3
ls -d /proc/sys/net/ipv4/conf/v*
