# kill of a background job that has finished: by job spec it is still in the
# shell's table until reported (quiet success), by pid the process is gone.
sleep 0.1 &
sleep 0.3
kill %1
echo "kill %1: $?"
kill %7
echo "kill %7: $?"
