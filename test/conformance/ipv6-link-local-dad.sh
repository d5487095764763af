# Link-local IPv6 addresses the kernel gives running devices: tentative
# while duplicate address detection runs (one to two seconds), then settled;
# lo gets ::1 once up; a device taken down loses its address.
ip link add v0 type veth peer name v1
ip -6 addr show dev v0
echo "down: $?"
ip link set v0 up
ip link set v1 up
# Until DAD is over on both ends (the real kernel also waits for linkwatch to see the carrier).
for i in $(seq 50); do
  out=$(ip -6 addr show dev v0; ip -6 addr show dev v1)
  case "$out" in *tentative*) ;; *"scope link"*"scope link"*) break ;; esac
  sleep 0.1
done
ip -6 addr show dev v0
ip -6 addr show dev v1
ip -6 addr show dev lo
ip link set lo up
ip -6 addr show dev lo
ip link set v0 down
ip -6 addr show dev v0
ip -6 -br addr show dev v1
