# A syntax error: earlier lines run, then bash reports the token and exits 2.
echo "before the error"
for i in 1 2; do
  echo "$i"
done
if true; then
  echo inside
fi
fi
echo "never reached"
