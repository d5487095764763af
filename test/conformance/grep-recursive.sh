# grep -r/-R/--directories over a tree (grep-tree: a, .e, .hid/d, sub/b, sub/deeper/c, "with
# space"): file names as grep shows them (none for one file operand, no "./" with no operand),
# hidden files included; a directory operand without -r is an error ("Is a directory") and reads
# as empty. Other text tools given a directory say so each in their own words. A real grep lists
# a directory in readdir's order: the listings are sorted.
cd grep-tree
grep -r hello | sort
grep -rq bye; echo "rc=$?"
grep -r hello . | sort
grep -r hello sub/ | sort
grep -r hello a
grep -rh hello sub | sort
grep -rc hello sub | sort
grep -rl bye . | sort
grep -rL hello . | sort
grep -R hello sub a | sort
grep -rn -e hello -e bye sub | sort
grep hello sub a; echo "rc=$?"
grep -s hello sub a; echo "rc=$?"
grep -d skip hello sub a; echo "rc=$?"
grep --directories=recurse hello sub | sort
grep -d rec hello sub | sort
grep -r hello nonexist; echo "rc=$?"
grep -c x . a; grep -L x .; echo "rc=$?"
grep -q hello . a; echo "rc=$?"
grep -d re x a; echo "rc=$?"
grep --directories=foo x a; echo "rc=$?"
cd ..
ip link add v0 type veth peer name v1
grep -r . /proc/sys/net/ipv4/conf/v0 | grep -e forwarding -e rp_filter -e accept_local | sort
grep -r '' /proc/sys/net/ipv4/neigh/v1 | sort
grep -c . /proc/sys/net/ipv4/conf/v0; echo "rc=$?"
for c in "cat . cat-show.txt" "wc ." "wc -l . cat-show.txt" "wc -c ." "head -n1 . cat-show.txt" "head -c3 ." \
  "tail -n1 ." "tail -n1 . cat-show.txt" "sort . cat-show.txt" "uniq ." "cut -c1 . cat-show.txt"; do
  echo "== $c"
  $c
  echo "rc=$?"
done 2>&1
