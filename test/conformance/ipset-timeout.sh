# ipset timeouts: elements expire (on the clock), defaults and overrides, timeout 0 permanent; remaining times hidden.
# Timeouts of 3 s: a loaded machine (the suite runs scripts in parallel) may take over a second between two commands.
hide() { sed -E 's/ timeout [0-9]+( |$)/ timeout T\1/'; }
ipset create t hash:ip timeout 3 initval 1
ipset add t 10.0.0.1
ipset add t 10.0.0.2 timeout 0
ipset add t 10.0.0.3 timeout 100
ipset list t | hide
sleep 4
ipset list t | hide
ipset test t 10.0.0.1
echo "rc=$?"
ipset add t 10.0.0.1
echo "rc=$?"
ipset add t 10.0.0.3
echo "rc=$?"
ipset -exist add t 10.0.0.3 timeout 3
ipset create b bitmap:port range 80-90 timeout 3
ipset add b 80
ipset add b 81 timeout 0
ipset create l list:set timeout 3
ipset add l b
ipset add l t timeout 0
ipset create ip hash:ip,port timeout 50 initval 1
ipset add ip 10.0.0.1,80
ipset save | hide
sleep 4
ipset list t | hide
ipset list b | hide
ipset list l | hide
ipset del t 10.0.0.3
echo "rc=$?"
ipset list -t ip | hide
