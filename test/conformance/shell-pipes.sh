# Pipelines through the text filters: operator one-liners on fixed input.
conns() {
  cat <<'END'
Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State
tcp        0      0 10.0.0.1:80             10.0.0.2:51000          ESTABLISHED
tcp        0      0 10.0.0.1:80             10.0.0.3:51001          ESTABLISHED
tcp        0      0 10.0.0.1:80             10.0.0.2:51002          TIME_WAIT
tcp        0      0 10.0.0.1:22             10.0.0.9:40000          ESTABLISHED
tcp        0      0 10.0.0.1:80             10.0.0.4:51003          ESTABLISHED
tcp        0      0 10.0.0.1:80             10.0.0.2:51004          ESTABLISHED
END
}
conns | awk '/:80/{split($5,ip,":");++A[ip[1]]}END{for(i in A) print A[i],i}' | sort -rn | head
conns | awk 'NR > 2 { states[$6]++ } END { for (s in states) printf "%-12s %d\n", s, states[s] }' | sort
conns | grep -c ESTABLISHED
conns | grep -v ESTABLISHED | tail -n 1
conns | grep -E ':(22|443) ' | awk '{print $4}'
conns | grep -o '10\.0\.0\.[0-9]*:5[0-9]*' | cut -d: -f1 | sort | uniq -c | sort -k1,1nr -k2
conns | tail -n +3 | awk '{print $5}' | cut -d: -f1 | sort -u
conns | sed -n '3,4p'
conns | sed -e 's/ESTABLISHED/EST/g' -e '/TIME_WAIT/d' | tail -2
conns | sed -E 's/^(tcp) +[0-9]+ +[0-9]+ +/\1 /' | sed -n '/22/p'
conns | head -3 | tr -s ' ' | cut -d' ' -f1,4
conns | wc -l
conns | wc -w
echo "a,b,c" | cut -d, -f2-
echo "Hello World" | tr '[:upper:]' '[:lower:]'
echo "hello" | tr -d 'l'
printf '3\n10\n2\n10\n' | sort -n | uniq
printf 'b 2\na 1\nc 3\n' | sort -k2 -r
printf 'x\ny\nx\nz\nx\n' | sort | uniq -c | sort -rn | head -1
printf '1.10\n1.2\n1.9\n' | sort -V
seq 5 | awk '{s += $1} END {print "sum", s, "avg", s/NR}'
seq -s, 5
seq 3 | while read -r n; do echo "line $n"; done
echo "a b c" | awk '{ $2 = "X"; print; print NF }'
echo "k1=v1;k2=v2" | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); print kv[1] " -> " kv[2] } }'
awk -v name=lab 'BEGIN { printf "%s has %d chars, upper %s, sub %s\n", name, length(name), toupper(name), substr(name, 2, 1) }'
awk 'BEGIN { s = "aaa"; n = gsub(/a/, "b", s); print n, s; if (match("foo123bar", /[0-9]+/)) print RSTART, RLENGTH; print index("hello", "ll") }'
echo "10.0.0.1/24" | awk -F/ '{ print $1; print $2 + 0 }'
printf 'one\ntwo\nthree\n' | grep -n t
printf 'one\ntwo\n' | grep -q three; echo "grep -q status $?"
printf 'Alpha\nbeta\n' | grep -i ALPHA
printf 'abc\nabcd\n' | grep -x abc
printf 'foo bar\nfoobar\n' | grep -w foo
echo "ping: 64 bytes time=0.045 ms" | grep -oE 'time=[0-9.]+'
seq 100 | head -n 3
seq 10 | tail -3 | head -1
count=$(conns | grep -c :80)
echo "port 80 connections: $count"
total=0
for n in $(conns | awk 'NR > 2 {split($5, a, ":"); print a[2]}'); do total=$((total + n)); done
echo "sum of ports: $total"
