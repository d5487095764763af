# Background jobs run while the foreground waits; wait, $!, kill and exit statuses;
# `jobs` lists them (Running, then Done/Exit N once), with bash's %+/%- marks.
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
echo "== jobs"
sleep 1 &
sleep 1 | cat &
(sleep 0.2; exit 3) &
{ sleep 0.1; true; } &
jobs
jobs -r %1
jobs %%
jobs %-
jobs %sleep
jobs %?exit
jobs %9
echo "jobs %9: $?"
echo "pids: $(jobs -p | wc -l)"
[ "$(jobs -p %4)" = "$!" ] && echo "jobs -p %4 is \$!"
sleep 0.4
echo "== two ended"
jobs -n
echo "== reported once"
jobs
jobs -n
kill %1
sleep 0.1
echo "== killed job is gone"
jobs
n=$(jobs -l); echo "$n" | wc -l
wait
jobs
echo "== after wait: $(jobs | wc -l)"
(sleep 0.1; exit 4) &
sleep 0.3
jobs -q; echo "jobs -q: $?"
jobs %1
sleep 3 &
echo "script ends with a job still running"
