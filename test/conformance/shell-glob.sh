# Pathname expansion: *, ? and bracket expressions, sorted; quoted and escaped characters stay
# literal; a word that matches nothing stays as it is; dot files only by a literal dot (never . or
# ..); a trailing slash keeps directories; set -f turns it off. /proc/sys is the namespace's: a
# device's conf directory comes and goes with the device.
echo cat-sho?.*
echo grep-tree/*
echo grep-tree/.*
echo grep-tree/*/
echo grep-tree/*/*
echo grep-tree/s[a-u]b/* grep-tree/[!s]* grep-tree/[[:alpha:]]
echo 'grep-tree/*' "grep-tree/*" grep-tree/\* grep-tree/"s"*
p='grep-tree/s*'
echo $p "$p"
echo grep-tree/nomatch* grep-tree/*/nomatch grep-tree/a/*
for f in grep-tree/*; do echo "[$f]"; done
set -f
echo grep-tree/*
set +f
cd grep-tree && echo * .* */* ./s*/ && cd ..
ip link add v0 type veth peer name v1
echo /proc/sys/net/ipv4/conf/*
for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo "$f=$(cat $f)"; done
echo /proc/sys/net/ipv4/conf/v*/forwarding /proc/sys/net/ipv4/ip_forwar? /proc/sys/net/ipv4/conf/lo/*_filter
[ -d /proc/sys/net/ipv4/conf/v0 ] && echo dir-v0
[ -f /proc/sys/net/ipv4/conf/v0/forwarding ] && echo file-forwarding
(cd /proc/sys/net/ipv4/conf/v0 && echo *_filter)
ip link del v0
echo /proc/sys/net/ipv4/conf/v*
[ -d /proc/sys/net/ipv4/conf/v0 ] || echo gone-v0
