# Background jobs run while the foreground waits; wait, $!, kill and exit statuses.
(sleep 0.1; echo "background finished") &
sleep 0.4
echo "foreground after sleep"
wait
echo "wait status $?"
sleep 2 &
pid=$!
kill $pid
wait $pid
echo "killed job status $?"
(exit 7) &
wait $!
echo "exit status of job: $?"
for i in 1 2 3; do
  (sleep 0.$i; echo "worker $i") &
done
wait
echo "all workers done"
kill 999999 2>/dev/null || echo "no such pid"
wait 12345
echo "wait unknown: $?"
sleep 3 &
echo "script ends with a job still running"
