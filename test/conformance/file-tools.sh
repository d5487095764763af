# File tools in a directory of the real side's private tmpfs (/run/netns): rm (-f, -r, -d, -v and
# its errors), touch (-c), tee (-a, a file it cannot open), basename and dirname (-a, -s), id and
# whoami; a redirection to a path ending in a slash.
cd /run/netns
echo x > h
echo y > h/; echo "rc=$?"
echo y > n/; echo "rc=$?"
cat h
cd /run/netns
rm; echo "rc=$?"
rm -f; echo "rc=$?"
rm nofile; echo "rc=$?"
rm -f nofile; echo "rc=$?"
echo x > f1; rm -v f1; echo "rc=$?"; cat f1
mkdir d; rm d; echo "rc=$?"; rm -d d; echo "rc=$?"
mkdir -p e/f; echo x > e/f/g; rm -d e; echo "rc=$?"; rm -rv e/f; echo "rc=$?"; rm -r e; echo "rc=$?"
echo x > h; rm h/; echo "rc=$?"; rm -x; echo "rc=$?"
rm /proc/sys/net/ipv4/ip_forward; echo "rc=$?"
rm -rf /no-such-podpath/x; echo "rc=$?"
touch t1; echo "rc=$?"; cat t1; echo x > t2; touch t2; cat t2; touch -c t3; echo "rc=$?"; cat t3
touch /no-such-podpath/x; echo "rc=$?"; touch; echo "rc=$?"
echo hi | tee o1 o2; cat o1 o2; echo more | tee -a o1 > /dev/null; cat o1
echo hi | tee /no-such-podpath/x o3; echo "rc=$?"; cat o3
basename /a/b/c.txt .txt; basename /a/b/; basename /; basename ''; basename a; basename -a x/y z/w; basename -s .sh a.sh b/c.sh; basename a.sh .sh extra; echo "rc=$?"; basename; echo "rc=$?"
dirname /a/b/c; dirname a; dirname /a; dirname a/b/; dirname //; dirname ''; dirname a/b c/d; dirname; echo "rc=$?"
whoami; id; id -u; id -un; id -g; id -gn; id -G; id -Gn
