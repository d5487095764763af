import { isObject, type Json, type JsonObject, type KubeObject } from './meta.js';

/** The pieces every Table printer is built from (pkg/printers/internalversion/printers.go). */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number;

export interface Printer {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: Date): Cell[];
}

export const col = (
  name: string,
  description: string,
  extra: Partial<ColumnDefinition> = {},
): ColumnDefinition => ({
  name,
  type: 'string',
  format: '',
  description,
  priority: 0,
  ...extra,
});

export const NAME = col('Name', 'Name must be unique within a namespace.', { format: 'name' });
export const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8)
    return days % 365 === 0 ? `${days / 365}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

export const age = (obj: KubeObject, now: Date): string => {
  const ts = obj.metadata.creationTimestamp;
  return ts ? humanDuration(now.getTime() - Date.parse(ts)) : '<unknown>';
};

export const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const orNone = (s: string): string => (s === '' ? '<none>' : s);

/** labels.FormatLabels / LabelSelectorAsSelector().String(): sorted `k=v` pairs. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(obj(labels)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => `${k}=${str(v)}`).join(',');
}

export function formatLabelSelector(selector: unknown): string {
  const s = obj(selector);
  const parts = Object.entries(obj(s.matchLabels)).map(([k, v]) => `${k}=${str(v)}`);
  for (const e of arr(s.matchExpressions).map(obj)) {
    const key = str(e.key);
    const values = arr(e.values).map(str).sort();
    const op = str(e.operator);
    if (op === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (op === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (op === 'Exists') parts.push(key);
    else if (op === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.sort().join(',');
}

/** The wide Containers and Images cells of a workload: names and images of its pod template's containers. */
export function templateContainers(template: unknown): [string, string] {
  const containers = arr(obj(obj(template).spec).containers).map(obj);
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

export const CONTAINERS = col('Containers', 'Names of each container in the template.', { priority: 1 });
export const IMAGES = col('Images', 'Images referenced by each container in the template.', { priority: 1 });

/** translateTimestampSince: `<unknown>` for a missing time. */
export function since(ts: unknown, now: Date): string {
  return typeof ts === 'string' && ts ? humanDuration(now.getTime() - Date.parse(ts)) : '<unknown>';
}
