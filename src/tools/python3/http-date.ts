/**
 * The wall clock the emulated programs print: virtual time 0 is this
 * instant. Dates printed by servers are normalized by the conformance
 * suite (they differ between any two real runs), so any fixed origin does.
 */
export const WALL_CLOCK_ORIGIN_MS = Date.UTC(2024, 0, 1);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const hms = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** email.utils.formatdate(usegmt=True): `Mon, 01 Jan 2024 00:00:00 GMT` (the HTTP Date header). */
export function httpDate(virtualMs: number): string {
  const d = new Date(WALL_CLOCK_ORIGIN_MS + virtualMs);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} GMT`;
}

/** BaseHTTPRequestHandler.log_date_time_string: `01/Jan/2024 00:00:00` (local time; the hosts run in UTC). */
export function logDate(virtualMs: number): string {
  const d = new Date(WALL_CLOCK_ORIGIN_MS + virtualMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${hms(d)}`;
}
