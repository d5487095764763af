# conntrack's checks of a command line: commands that clash, tables, options a command does
# not take or needs, address families and masks, protocol options, output and status words.
for args in "-L -G" "-E -L" "-S -C" "-V -h" "-L foo" "-S foo" "-D dying" "-I unconfirmed" "-U expect" "-L exp" "-L con" \
  "-L dying" "-L unconfirmed" "-C expect" "-F expect" "-S expect" \
  "-G" "-G -p icmp" "-G -s 1.1.1.1 -d 2.2.2.2" "-G -s 1.1.1.1 -d 2.2.2.2 -p udp --sport 1" "-G -r 1.1.1.1 -p udp" \
  "-I" "-I -p udp" "-I -p udp -t 5" "-I -s 1.1.1.1 -d 2.2.2.2 -p tcp -t 5 --sport 1 --dport 2" \
  "-L -t 5" "-L -e NEW" "-E -z" "-E -t 5" "-F -p tcp" "-C -s 1.1.1.1" "-S -m 1" "-G -s 1.1.1.1 -d 2.2.2.2 -p icmp --icmp-type 8 --icmp-code 0 -m 1" \
  "-L -s 1.2.3.4 -d ::1" "-L -s foo" "-L -s 1.2.3.4/33" "-L -s 1.2.3.4/-1" "-L -r 1.2.3.4/24" "-L -g 1.2.3.4/24" "-L -j -n" "-L --mask-src 255.0.0.0" \
  "-D --mask-dst 255.0.0.0" "-L -f ipx" "-L -p foo" "-L -p 256" "-L -p 0x11" "-L -p ospf" "-L -p tcp --state FOO" "-L -p tcp --state syn_sent" \
  "-L --sport 1" "-L -p icmp --sport 1" "-L -p tcp --foo" "-L -p tcp --sport" "-L -o foo" "-L -o xml,foo" "-L -o ,xml" "-L -o xml,save" \
  "-L -u FOO" "-L -u ASSURED,,SEEN_REPLY" "-L -e" "-E -e FOO" "-E -e NEW,FOO" "-L -s" "-L -z -p icmp" "-L -Z" "--foo" "-L --proto icmp" \
  "-L --pro icmp" "-L --s 1.1.1.1" "-L -n1.1.1.1" "-h -p tcp" "-h -p icmp" "-h -p 99" "-L -u SRC_NAT" "-L -a 1"; do
  echo "== conntrack $args"
  conntrack $args 2>&1 | tail -4
  conntrack $args > /dev/null 2>&1
  echo "status $?"
done
