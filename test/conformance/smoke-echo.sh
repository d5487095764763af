# Harness smoke test: plain shell output on both streams and a non-zero exit.
echo hello
printf '%s=%d\n' answer 42
echo "to stderr" >&2
printf 'no newline at the end'
echo
nosuchcommand --flag
echo "status $?"
exit 3
