# /run/netns (and /var/run/netns) as ip netns keeps it: a file per named namespace, there from
# `ip netns add` to `ip netns del`, for test -e/-f/-d and pathname expansion.
ip netns add n1; ip netns add n2
[ -e /run/netns/n1 ] && echo exists1
[ -e /var/run/netns/n2 ] && echo exists2
[ -f /run/netns/n1 ] && echo file1
[ -d /run/netns ] && echo dir
test -e /run/netns/n3 || echo no-n3
echo /run/netns/* /var/run/netns/n*
ip netns del n1
[ -e /run/netns/n1 ] || echo gone1
echo /run/netns/*
