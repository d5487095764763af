# physdev rules themselves: where the kernel refuses them (--physdev-out in OUTPUT, unless
# --physdev-is-bridged; a user chain OUTPUT jumps to is not checked), option errors, and
# how -L, -S and iptables-save print every option and inversion.
ip netns add sw
S="ip netns exec sw"
$S iptables -A OUTPUT -m physdev --physdev-out veth0
echo "rc $?"
$S iptables -t mangle -I OUTPUT -m physdev --physdev-is-out
echo "rc $?"
$S iptables -t raw -A OUTPUT -m physdev ! --physdev-is-bridged --physdev-out veth0
echo "rc $?"
$S iptables -t raw -A OUTPUT -m physdev --physdev-is-bridged --physdev-out veth0
echo "rc $?"
$S iptables -A OUTPUT -m physdev ! --physdev-out veth0
echo "rc $?"
$S iptables -A OUTPUT -m physdev --physdev-in veth1
echo "rc $?"
$S iptables -R OUTPUT 1 -m physdev --physdev-out veth0
echo "rc $?"
$S iptables -A OUTPUT -m physdev
echo "rc $?"
$S iptables -A FORWARD -m physdev --physdev-in a --physdev-in b
echo "rc $?"
$S iptables -A FORWARD -m physdev --physdev-in
echo "rc $?"
$S iptables -A FORWARD -m physdev --physdev-in 0123456789abcdef
echo "rc $?"
$S iptables -A FORWARD -m physdev ! --physdev-is-bridged ! --physdev-is-bridged
echo "rc $?"
$S iptables -A FORWARD -m physdev --physdev-in 0123456789abcde
$S iptables -A FORWARD -m physdev --physdev-out ''
$S iptables -A FORWARD -m physdev --physdev-in a+ ! --physdev-out b+ ! --physdev-is-in ! --physdev-is-out --physdev-is-bridged -j DROP
$S iptables -A FORWARD -m physdev ! --physdev-in veth1 --physdev-is-in -m mac --mac-source 02:00:00:00:00:01
$S iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged --physdev-out veth+ -j MARK --set-mark 1
$S iptables -N X
$S iptables -A X -m physdev --physdev-out veth0 -j RETURN
$S iptables -A OUTPUT -j X
echo "rc $?"
$S iptables -S
$S iptables -L -n -v --line-numbers
$S iptables -t mangle -L POSTROUTING
$S iptables-save -t raw | grep -v '^#'
printf '*filter\n-A OUTPUT -m physdev --physdev-is-out\nCOMMIT\n' | $S iptables-restore
echo "restore rc $?"
$S iptables-save -t filter | grep -c physdev
