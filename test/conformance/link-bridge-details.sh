# ip -d link of bridges: mcast_snooping as created, and tso_max_size (65536 without ports,
# the ports' smallest once it has one).
ip link add br0 address 02:00:00:00:00:fe type bridge mcast_snooping 0
ip -d link show br0
ip link add br1 address 02:00:00:00:00:fd type bridge
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -d link show br1 | grep -o "mcast_snooping [0-9]\|tso_max_size [0-9]*"
ip link set v1 master br1
ip -d link show br1 | grep -o "tso_max_size [0-9]*"
