# How -C and -D find a rule: iptables-nft compares each extension's data
# (its first userspacesize bytes), not the text -S prints. Some pairs print
# alike yet differ (an explicit --connlimit-mask 32 or recent --mask), some
# print differently yet are the same rule (the `!` of -m helper).
ipset create s hash:ip
t() { # add $1, then -C with $2
  iptables -F INPUT
  iptables -A INPUT $1 || return
  if iptables -C INPUT $2 2>/dev/null; then r=found; else r=miss; fi
  echo "$r | add: $1 | check: $2"
}
inv() { t "$1 ! $2" "$1 $2"; }
t "-m helper ! --helper ftp" "-m helper --helper ftp"
t "-m helper --helper ftp" "-m helper ! --helper ftp"
t "-m helper --helper ftp" "-m helper --helper irc"
t "-m connlimit --connlimit-above 2" "-m connlimit --connlimit-above 2 --connlimit-mask 32"
t "-m connlimit --connlimit-above 2 --connlimit-mask 32" "-m connlimit --connlimit-above 2"
t "-m connlimit --connlimit-above 2 --connlimit-mask 32" "-m connlimit --connlimit-above 2 --connlimit-mask 32"
t "-m connlimit --connlimit-above 2 --connlimit-mask 24" "-m connlimit --connlimit-above 2 --connlimit-mask 24"
t "-m connlimit --connlimit-above 2 --connlimit-mask 24" "-m connlimit --connlimit-above 2 --connlimit-mask 255.255.255.0"
t "-m connlimit --connlimit-above 2 --connlimit-saddr" "-m connlimit --connlimit-above 2"
t "-m connlimit --connlimit-above 2 --connlimit-daddr" "-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-daddr"
t "-m connlimit --connlimit-upto 2" "-m connlimit ! --connlimit-above 2"
t "-m recent --set --name x" "-m recent --set --name x --rsource"
t "-m recent --set --name x" "-m recent --set --name x --mask 255.255.255.255"
t "-m recent --set --name x --mask 255.255.255.255" "-m recent --set --name x"
t "-m recent --set --name x --mask 255.255.255.255" "-m recent --set --name x --mask 255.255.255.255"
t "-m recent --set --name x --mask 255.255.255.0" "-m recent --set --name x --mask 255.255.255.0"
t "-m recent --rcheck --seconds 10 --name x" "-m recent --rcheck --seconds 10 --name x"
t "-m limit --limit 5/sec" "-m limit --limit 5/second"
t "-m limit --limit 5/sec" "-m limit --limit 5/s --limit-burst 5"
t "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a" "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-burst 5"
t "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a" "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-srcmask 32"
t "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a" "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-expire 10000"
t "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a" "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a --hashlimit-htable-max 8192"
t "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name a" "-m hashlimit --hashlimit-upto 5/sec --hashlimit-name b"
t "-m statistic --mode random --probability 0.5" "-m statistic --mode random --probability 0.5"
t "-m quota --quota 100" "-m quota --quota 100"
t "-m string --string abc --algo bm" "-m string --string abc --algo bm --from 0 --to 65535"
t "-m string --string abc --algo bm" "-m string --string abc --algo kmp"
t "-m string --string abc --algo bm" "-m string --hex-string |616263| --algo bm"
t "-m comment --comment x" "-m comment --comment y"
t "-m connbytes --connbytes 10 --connbytes-dir both --connbytes-mode bytes" "-m connbytes --connbytes 10: --connbytes-dir both --connbytes-mode bytes"
t "-j LOG" "-j LOG --log-level 4"
t "-j LOG --log-prefix a" "-j LOG --log-prefix b"
t "-j REJECT" "-j REJECT --reject-with icmp-port-unreachable"
t "-p tcp -j REJECT --reject-with tcp-reset" "-p tcp -j REJECT --reject-with tcp-rst"
t "-j MARK --set-mark 1" "-j MARK --set-xmark 1/0xffffffff"
t "-j MARK --set-mark 1/2" "-j MARK --set-xmark 1/3"
t "-j MARK --or-mark 1" "-j MARK --set-xmark 1/1"
t "-j CONNMARK --save-mark" "-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff"
t "-j NFLOG" "-j NFLOG --nflog-group 0"
t "-p tcp -m multiport --dports 1:2" "-p tcp -m multiport --dports 1,2"
t "-p tcp --syn" "-p tcp --tcp-flags FIN,SYN,RST,ACK SYN"
t "-p tcp --dport 80" "-p tcp -m tcp --dport 80"
t "-p tcp -m tcp --dport 80" "-p tcp --dport 80:80"
t "-p tcp --sport 1:65535" "-p tcp"
t "-m mark --mark 1" "-m mark --mark 1/0xffffffff"
t "-m conntrack --ctstate NEW" "-m state --state NEW"
t "-s 1.2.3.4" "-s 1.2.3.4/32"
t "-s 1.2.3.4/24" "-s 1.2.3.0/24"
inv "-m connlimit" "--connlimit-above 2"
inv "-m recent" "--rcheck --name x"
inv "-m quota" "--quota 100"
inv "-m string --algo bm" "--string abc"
inv "-m conntrack" "--ctstate NEW"
inv "-p tcp -m multiport" "--dports 1,2"
inv "-p tcp" "--syn"
inv "-m set" "--match-set s src"
echo "== -D finds the same rules as -C"
iptables -F INPUT
iptables -A INPUT -m helper ! --helper ftp
iptables -A INPUT -m connlimit --connlimit-above 2
iptables -A INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32
iptables -A INPUT -m recent --set --name x --mask 255.255.255.255
iptables -A INPUT -m recent --set --name x
iptables -D INPUT -m helper --helper ftp; echo "helper $?"
iptables -D INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32; echo "explicit mask $?"
iptables -S INPUT
iptables -D INPUT -m recent --set --name x; echo "recent default $?"
iptables -D INPUT -m recent --set --name x; echo "recent default again $?"
iptables -S INPUT
iptables -v -D INPUT -m recent --set --name x --mask 255.255.255.255; echo "recent explicit $?"
iptables -D INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32; echo "explicit mask again $?"
iptables -D INPUT -m connlimit --connlimit-above 2; echo "default mask $?"
iptables -S INPUT
echo "== a rule re-read from iptables-save keeps its explicit mask"
iptables -A INPUT -m connlimit --connlimit-above 2
iptables-save > /tmp/quirks.save
iptables-restore < /tmp/quirks.save
iptables -C INPUT -m connlimit --connlimit-above 2; echo "default after restore $?"
iptables -C INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32; echo "explicit after restore $?"
echo "== CT --notrack and NOTRACK"
iptables -t raw -A PREROUTING -j CT --notrack
iptables -t raw -A PREROUTING -j NOTRACK
iptables -t raw -S
iptables -t raw -C PREROUTING -j NOTRACK; echo "check NOTRACK $?"
iptables -t raw -D PREROUTING -j CT --notrack; echo "delete CT --notrack $?"
iptables -t raw -D PREROUTING -j CT --notrack; echo "delete CT --notrack again $?"
iptables -t raw -S
echo "== iptables-restore -D finds rules the same way"
iptables -A INPUT -m helper ! --helper ftp
iptables -A INPUT -m connlimit --connlimit-above 2
printf '*filter\n-D INPUT -m helper --helper irc\n-D INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32\nCOMMIT\n' | iptables-restore --noflush
echo "restore -D explicit mask: $?"
printf '*filter\n-D INPUT -m helper --helper irc\n-D INPUT -m connlimit --connlimit-above 2\nCOMMIT\n' | iptables-restore --noflush
echo "restore -D: $?"
iptables -S INPUT
echo "== conntrack: a bare address is not address/32"
t "-m conntrack --ctorigsrc 1.2.3.4" "-m conntrack --ctorigsrc 1.2.3.4/32"
t "-m conntrack --ctorigsrc 1.2.3.4/32" "-m conntrack --ctorigsrc 1.2.3.4"
t "-m conntrack ! --ctrepldst 1.2.3.4" "-m conntrack ! --ctrepldst 1.2.3.4/32"
t "-m conntrack --ctorigdst 1.2.3.4/32" "-m conntrack --ctorigdst 1.2.3.4/32"
t "-m conntrack --ctorigsrc 1.2.3.4 --ctstate NEW" "-m conntrack --ctorigsrc 1.2.3.4 --ctstate NEW"
echo "== conntrack addresses are kept unmasked"
iptables -F INPUT
for a in 1.2.3.4/24 1.2.3.4/255.255.255.0 1.2.3.4/255.0.255.0 1.2.3.4/0 localhost 1.2.3.4/33; do
  iptables -A INPUT -m conntrack --ctorigsrc $a
done
iptables -S INPUT
iptables -C INPUT -m conntrack --ctorigsrc 1.2.3.0/24; echo "1.2.3.0/24 is not 1.2.3.4/24: $?"
