import { paramError } from '../errors.js';
import { serviceName, servicePort } from '../services.js';
import { strtoui } from './util.js';

/** xtables_parse_port: a number or a service name of the protocol. */
export function parsePort(text: string, proto: string): number {
  const p = strtoui(text, 0, 65535) ?? servicePort(text, proto);
  if (p === undefined) throw paramError(`invalid port/service \`${text}' specified`);
  return p;
}

/** `port`, `min:max`, `:max`, `min:` (parse_ports in libxt_tcp/udp). */
export function parsePortRange(text: string, proto: string): [number, number] {
  const i = text.indexOf(':');
  if (i < 0) {
    const p = parsePort(text, proto);
    return [p, p];
  }
  const min = i === 0 ? 0 : parsePort(text.slice(0, i), proto);
  const max = i === text.length - 1 ? 65535 : parsePort(text.slice(i + 1), proto);
  // libxt_tcp and libxt_sctp check the order; libxt_udp takes 1000:999 as given.
  if ((proto === 'tcp' || proto === 'sctp') && min > max) throw paramError('invalid portrange (min > max)');
  return [min, max];
}

export const portText = (port: number, proto: string, numeric: boolean): string =>
  (numeric ? undefined : serviceName(port, proto)) ?? String(port);
