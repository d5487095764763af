import type { Builtin } from './builtins.js';
import type { Job, JobMarks } from './job.js';

/** What jobs.c keeps per shell: the job table and its current/previous marks. */
interface JobTable {
  jobs: Job[];
  marks: JobMarks;
}

/** job_last_running: the highest-numbered running job below `below`. */
function lastRunning(t: JobTable, below = Infinity): Job | null {
  let best: Job | null = null;
  for (const j of t.jobs) if (!j.finished && j.id < below && (!best || j.id > best.id)) best = j;
  return best;
}

/**
 * reset_current and set_current_job (jobs.c) without stopped jobs: the
 * newest running job becomes current, the newest running one below it
 * previous (or the current job itself); with none running, neither is set.
 * bash runs this when it starts a job and when it deletes the current or
 * previous one, never when a job merely ends.
 */
export function resetCurrentJob(t: JobTable): void {
  const current = lastRunning(t);
  const previous = current && lastRunning(t, current.id);
  t.marks = { current, previous: previous ?? current };
}

/** delete_job: out of the table; the marks move on if it held one. */
export function deleteJob(t: JobTable, job: Job): void {
  t.jobs = t.jobs.filter((j) => j !== job);
  if (t.marks.current === job || t.marks.previous === job) resetCurrentJob(t);
}

/**
 * A non-interactive bash reports a job killed by a signal at once (SIGKILL
 * with a message on stderr, SIGTERM and SIGINT silently) and forgets it;
 * only `jobs` or `wait` report and forget one that exited (measured, 5.2).
 */
export function forgetSignaledJobs(t: JobTable): void {
  for (const j of [...t.jobs]) if (j.finished && j.killed !== null) deleteJob(t, j);
}

/**
 * get_job_spec: `%N`, `%%`/`%+`/`%`, `%-`, `%NAME` (a command starting so),
 * `%?TEXT` (containing it). A name that fits several jobs is `ambiguous`.
 */
export function findJobSpec(t: JobTable, spec: string): Job | null | 'ambiguous' {
  const body = spec.startsWith('%') ? spec.slice(1) : spec;
  if (body === '' || body === '%' || body === '+') return t.marks.current;
  if (body === '-') return t.marks.previous;
  if (/^\d+$/.test(body)) return t.jobs.find((j) => j.id === Number(body)) ?? null;
  const text = (j: Job) => j.stages.join(' ');
  const fits = body.startsWith('?')
    ? t.jobs.filter((j) => text(j).includes(body.slice(1)))
    : t.jobs.filter((j) => text(j).startsWith(body));
  return fits.length > 1 ? 'ambiguous' : (fits[0] ?? null);
}

const STATUS_WIDTH = 24;
const statusText = (j: Job) => (!j.finished ? 'Running' : j.status === 0 ? 'Done' : `Exit ${j.status}`);

/** pretty_print_job: `[N]+  Running                 cmd &`, or with -l a line per pipeline stage. */
function jobLines(t: JobTable, j: Job, long: boolean): string {
  const mark = j === t.marks.current ? '+' : j === t.marks.previous ? '-' : ' ';
  const head = `[${j.id}]${mark}`;
  const amp = j.finished ? '' : ' &';
  const status = statusText(j).padEnd(STATUS_WIDTH);
  if (!long) return `${head}  ${status}${j.stages.join(' ')}${amp}\n`;
  const pid = String(j.pid).padStart(5);
  return j.stages
    .map((stage, i) => {
      const end = i === j.stages.length - 1 ? amp : '';
      return i === 0
        ? `${head} ${pid} ${status}${stage}${end}\n`
        : // A later stage's `| ` hangs in the two columns before the command.
          `${' '.repeat(head.length)} ${pid} ${' '.repeat(STATUS_WIDTH - 2)}${stage}${end}\n`;
    })
    .join('');
}

const USAGE = 'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]';

/**
 * `jobs [-lnprs] [jobspec ...]` as a bash script sees it: running jobs,
 * and jobs that ended since they were last reported (Done, Exit N),
 * which are then forgotten. -p prints the pid only, -n only jobs that
 * ended, -r only running ones, -s stopped ones (a script has none).
 */
export const jobs: Builtin = async (sh, argv, ctx) => {
  const t = sh.state;
  let k = 1;
  const flags = new Set<string>();
  for (; k < argv.length && argv[k].startsWith('-') && argv[k] !== '-'; k++) {
    if (argv[k] === '--') {
      k++;
      break;
    }
    for (const f of argv[k].slice(1)) {
      if (!'lnprs'.includes(f)) {
        sh.error(ctx, `jobs: -${f}: invalid option`);
        // builtin_usage: the usage line has no `script: line N:` in front.
        ctx.fds.stderr.write(`${USAGE}\n`);
        return 2;
      }
      flags.add(f);
    }
  }
  forgetSignaledJobs(t);
  let status = 0;
  let chosen: Job[];
  if (k < argv.length) {
    chosen = [];
    for (const spec of argv.slice(k)) {
      const j = findJobSpec(t, spec);
      if (j === 'ambiguous') sh.error(ctx, `jobs: ${spec.replace(/^%\??/, '')}: ambiguous job spec`);
      if (j && j !== 'ambiguous') chosen.push(j);
      else {
        sh.error(ctx, `jobs: ${spec}: no such job`);
        status = 1;
      }
    }
  } else chosen = [...t.jobs].sort((a, b) => a.id - b.id);
  if (flags.has('s')) chosen = [];
  if (flags.has('r')) chosen = chosen.filter((j) => !j.finished);
  if (flags.has('n')) chosen = chosen.filter((j) => j.finished);
  let out = '';
  for (const j of chosen) out += flags.has('p') ? `${j.pid}\n` : jobLines(t, j, flags.has('l'));
  ctx.fds.stdout.write(out);
  for (const j of chosen) if (j.finished) deleteJob(t, j);
  return status;
};
