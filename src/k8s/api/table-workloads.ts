import type { KubeObject } from './meta.js';
import {
  AGE,
  age,
  arr,
  col,
  CONTAINERS,
  formatLabels,
  formatLabelSelector,
  humanDuration,
  IMAGES,
  NAME,
  num,
  obj,
  orNone,
  str,
  templateContainers,
  type Printer,
} from './table-cells.js';

/** Table printers of apps/v1 (but Deployment) and batch/v1, as printers.go's. */

const SELECTOR = col('Selector', 'The label selector, as text.', { priority: 1 });
const int = (name: string, description: string) => col(name, description, { type: 'integer' });

function replicaSetCells(rs: KubeObject, now: Date) {
  const spec = obj(rs.spec);
  const status = obj(rs.status);
  return [
    rs.metadata.name ?? '',
    num(spec.replicas),
    num(status.replicas),
    num(status.readyReplicas),
    age(rs, now),
    ...templateContainers(spec.template),
    formatLabelSelector(spec.selector),
  ];
}

function daemonSetCells(ds: KubeObject, now: Date) {
  const spec = obj(ds.spec);
  const status = obj(ds.status);
  return [
    ds.metadata.name ?? '',
    num(status.desiredNumberScheduled),
    num(status.currentNumberScheduled),
    num(status.numberReady),
    num(status.updatedNumberScheduled),
    num(status.numberAvailable),
    orNone(formatLabels(obj(obj(spec.template).spec).nodeSelector)),
    age(ds, now),
    ...templateContainers(spec.template),
    formatLabelSelector(spec.selector),
  ];
}

const hasCondition = (status: unknown, type: string) =>
  arr(obj(status).conditions)
    .map(obj)
    .some((c) => c.type === type && c.status === 'True');

function jobStatus(job: KubeObject): string {
  const s = job.status;
  if (hasCondition(s, 'Complete')) return 'Complete';
  if (hasCondition(s, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(s, 'Suspended')) return 'Suspended';
  if (hasCondition(s, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(s, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobCells(job: KubeObject, now: Date) {
  const spec = obj(job.spec);
  const status = obj(job.status);
  const succeeded = num(status.succeeded);
  const parallelism = num(spec.parallelism);
  const completions =
    typeof spec.completions === 'number'
      ? `${succeeded}/${spec.completions}`
      : parallelism > 1
        ? `${succeeded}/1 of ${parallelism}`
        : `${succeeded}/1`;
  const start = str(status.startTime);
  const end = str(status.completionTime);
  const duration = !start ? '' : humanDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));
  return [
    job.metadata.name ?? '',
    jobStatus(job),
    completions,
    duration,
    age(job, now),
    ...templateContainers(spec.template),
    formatLabelSelector(spec.selector),
  ];
}

function cronJobCells(cj: KubeObject, now: Date) {
  const spec = obj(cj.spec);
  const status = obj(cj.status);
  const jobSpec = obj(obj(spec.jobTemplate).spec);
  const last = str(status.lastScheduleTime);
  return [
    cj.metadata.name ?? '',
    str(spec.schedule),
    orNone(str(spec.timeZone)),
    typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>',
    arr(status.active).length,
    last ? humanDuration(now.getTime() - Date.parse(last)) : '<none>',
    age(cj, now),
    ...templateContainers(jobSpec.template),
    jobSpec.selector ? formatLabelSelector(jobSpec.selector) : '<none>',
  ];
}

export const WORKLOAD_PRINTERS: Record<string, Printer> = {
  ReplicaSet: {
    columns: [
      NAME,
      int('Desired', 'Number of desired pods.'),
      int('Current', 'Number of actually running pods.'),
      int('Ready', 'Number of ready pods.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: replicaSetCells,
  },
  DaemonSet: {
    columns: [
      NAME,
      int('Desired', 'The desired number of nodes that should be running the daemon pod.'),
      int('Current', 'The number of nodes that are running at least 1 daemon pod.'),
      int(
        'Ready',
        'The number of nodes that should be running the daemon pod and have one or more running and ready.',
      ),
      int('Up-to-date', 'The total number of nodes that are running updated daemon pod.'),
      int(
        'Available',
        'The number of nodes that should be running the daemon pod and have one or more running and available.',
      ),
      col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: daemonSetCells,
  },
  StatefulSet: {
    columns: [NAME, col('Ready', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
    cells: (sts, now) => {
      const spec = obj(sts.spec);
      return [
        sts.metadata.name ?? '',
        `${num(obj(sts.status).readyReplicas)}/${num(spec.replicas)}`,
        age(sts, now),
        ...templateContainers(spec.template),
      ];
    },
  },
  Job: {
    columns: [
      NAME,
      col('Status', 'Status of the job.'),
      col('Completions', 'The desired number of successfully finished pods the job should be run with.'),
      col('Duration', 'Time required to complete the job.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: jobCells,
  },
  CronJob: {
    columns: [
      NAME,
      col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
      col(
        'Timezone',
        'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
      ),
      col('Suspend', 'This flag tells the controller to suspend subsequent executions.'),
      int('Active', 'A list of pointers to currently running jobs.'),
      col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: cronJobCells,
  },
};
