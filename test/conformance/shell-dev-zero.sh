# Endless character devices: readers that stop early (head -c/-n) end,
# and a producer upstream of them ends by SIGPIPE.
head -c 8 /dev/zero | wc -c
head -c 8 < /dev/zero | wc -c
head -c 0 /dev/zero | wc -c
head -c 5 /dev/zero | tr '\0' 'x'; echo
tr '\0' 'a' < /dev/zero | head -c 6; echo
cat /dev/zero | head -c 3 | tr '\0' 'z'; echo
cat /dev/zero | tr -d 'x' | head -c 4000 | wc -c
tr '\0' '\n' < /dev/zero | head -n 3 | wc -l
tr '\0' '\n' < /dev/zero | head -n 2 | wc -c
head -c 16 /dev/urandom | wc -c
head -c 100000 /dev/urandom | wc -c
head -c 5000 /dev/zero | head -c 10 | wc -c
head -c 3 /dev/zero /dev/zero | wc -c
head -v -c 2 /dev/zero | tr '\0' 0; echo
tr -dc 'a-z' < /dev/urandom | head -c 12 | wc -c
cat /dev/zero | head -c 1 > /dev/null
echo "status $?"
set -o pipefail
cat /dev/zero | head -c 1 > /dev/null
echo "pipefail status $? (cat got SIGPIPE)"
