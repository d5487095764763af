# Failure paths of ip link and their exit codes.
ip link add v0 type veth peer name v1
ip link add v0 type veth peer name v2
echo "dup: $?"
ip link add v3 type veth peer name v0
echo "dup peer: $?"
ip link del nope
echo "del: $?"
ip link show nope
echo "show: $?"
ip link set nope up
echo "set: $?"
ip link add x1
echo "no type: $?"
ip link set v0 mtu abc
echo "mtu: $?"
ip link set v0 mtu 100000
echo "mtu max: $?"
ip link set v0 mtu 10
echo "mtu min: $?"
ip link set v0 address zz
echo "lladdr: $?"
ip link set v0 bogus
echo "garbage: $?"
ip link set lo netns nope
echo "netns: $?"
ip link set v0 master nope
echo "master: $?"
ip link set v0 master v1
echo "master veth: $?"
ip link foo
echo "cmd: $?"
ip lin s
echo "set no dev: $?"
ip foo
echo "object: $?"
ip -z link
echo "option: $?"
ip -n nope link
echo "-n: $?"
ip link set v0 mtu 9000 txqueuelen 50 alias hello
ip link set v0 name v9
ip link show v9
ip link del v1
ip link show
