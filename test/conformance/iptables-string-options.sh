# -m string: --string/--hex-string parsing, --algo, --from/--to, --icase; save shows a pattern with unprintable bytes in hex.
t() { echo "\$ $*"; "$@"; echo "rc=$?"; }
t iptables -A INPUT -m string --string foo --algo bm
t iptables -A INPUT -m string --string foo --algo kmp --from 10 --to 100
t iptables -A INPUT -m string ! --string "a b\"c\\d" --algo bm --icase
t iptables -A INPUT -m string --hex-string "|de ad be ef|" --algo bm
t iptables -A INPUT -m string --hex-string "ab|20|cd" --algo bm
t iptables -A INPUT -m string --hex-string "|41 42|C" --algo bm
t iptables -A INPUT -m string --hex-string "a\\|b" --algo bm
t iptables -A INPUT -m string --string "x\\" --algo bm
t iptables -A INPUT -m string --string "tab	x" --algo bm
t iptables -A INPUT -m string --string "it's" --algo bm
t iptables -A INPUT -m string --string foo
t iptables -A INPUT -m string --algo bm
t iptables -A INPUT -m string --string foo --hex-string "|00|" --algo bm
t iptables -A INPUT -m string --string foo --algo fsm
t iptables -A INPUT -m string --string foo --algo xyz
t iptables -A INPUT -m string --string foo --algo abcdefghijklmnopq
t iptables -A INPUT -m string --string foo --algo abcdefghijklmnop
t iptables -A INPUT -m string --string foo --algo bm --from 100 --to 10
t iptables -A INPUT -m string --string foo --algo bm --from 65536
t iptables -A INPUT -m string --string foo --algo bm --to -1
t iptables -A INPUT -m string --string foo --algo bm --to 65535 --from 0
t iptables -A INPUT -m string --string "" --algo bm
t iptables -A INPUT -m string --hex-string "" --algo bm
t iptables -A INPUT -m string --hex-string "|0|" --algo bm
t iptables -A INPUT -m string --hex-string "|0g|" --algo bm
t iptables -A INPUT -m string --hex-string "|00" --algo bm
t iptables -A INPUT -m string --hex-string "|001|" --algo bm
t iptables -A INPUT -m string --hex-string "ab\\" --algo bm
t iptables -A INPUT -m string --hex-string "|41|\\|" --algo bm
t iptables -A INPUT -m string --string $(printf 'x%.0s' $(seq 128)) --algo bm
t iptables -A INPUT -m string --string $(printf 'y%.0s' $(seq 129)) --algo bm
t iptables -A INPUT -m string --string foo --algo bm ! --icase
t iptables -A INPUT -m string --string foo --algo bm --string bar
t iptables -A INPUT -m string --hex-string "|7c|" --algo bm
t iptables -A INPUT -m string --string "|" --algo bm
t iptables -A INPUT -m string --string "~" --algo kmp
t iptables -S INPUT
t iptables -L INPUT -n
iptables-save | grep -v '^#'
