# Locally generated pings meet unreachable, prohibit, blackhole and throw routes.
ip netns add a
ip -n a link set lo up
ip -n a route add unreachable 10.1.0.0/16
ip -n a route add prohibit 10.2.0.0/16
ip -n a route add blackhole 10.3.0.0/16
ip -n a route add throw 10.4.0.0/16
for d in 10.1.0.1 10.2.0.1 10.3.0.1 10.4.0.1 10.5.0.1; do
  ip netns exec a ping -c 1 -W 1 $d
  echo "ping $d: $?"
done
