# Brace expansion: comma lists (nested, empty alternatives), integer and letter sequences (down,
# with a step, zero-padded), braces that open no expression left as they are, quoted braces and
# commas literal; it comes before the other expansions (a variable in an alternative) and before
# pathname expansion.
echo {a,b}c x{1..3} {a..c}{1,2} "{a,b}" \{a,b} {a} {} {,x}y {3..1} {01..03} {-2..2} {1..10..3}
echo a{b,c{d,e}}f {x{a,b} {a..e..2} {e..a} {1..} {a..1} {'a,b',c} {"x y",z}
for i in {1..3}; do echo "round $i"; done
v=V; echo {$v,w}{1,2}
echo cat-show.{sh,txt} grep-tree/{a,sub/*} {c,g}*-{show,tree}
x={a,b}; echo "$x"
ip link add v0 type veth peer name v1
for d in v{0,1}; do ip link set $d up; echo "$d $(cat /proc/sys/net/ipv4/conf/$d/forwarding)"; done
echo /proc/sys/net/ipv4/conf/{lo,v0}/rp_filter
