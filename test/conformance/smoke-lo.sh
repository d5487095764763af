# Harness smoke test: the loopback device of a fresh network namespace.
ip link show lo
ip link set lo up
ip addr show lo
ip route show table local
ip link show nosuch
echo "status $?"
