# tcpdump's command-line errors and their exit codes: unknown device, bad counts, a missing option argument, an invalid option, a filter that does not compile (before listening), --version.
ip netns add a
ip netns exec a tcpdump -i nosuch -n
echo "status $?"
ip netns exec a tcpdump -i lo -c 0
echo "status $?"
ip netns exec a tcpdump -i lo -c x
echo "status $?"
ip netns exec a tcpdump -i lo -c
echo "status $?"
ip netns exec a tcpdump -k
echo "status $?"
ip netns exec a tcpdump -i lo -n icmp
echo "status $?"
ip -n a link set lo up
ip netns exec a tcpdump -i lo -n 'host 10.0.0.1 and'
echo "status $?"
ip netns exec a tcpdump -i lo -n port 70000
echo "status $?"
ip netns exec a tcpdump -i lo -w /tmp/tcpdump-args.pcap net 10.1.2.3/8
echo "status $?"
tcpdump --version
echo "status $?"
