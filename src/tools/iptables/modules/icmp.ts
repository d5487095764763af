import { xtTable } from './util.js';
import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';

/** icmp_codes[] of libxt_icmp: name, type, code range. */
const ICMP_CODES: readonly (readonly [string, number, number, number])[] = [
  ['any', 0xff, 0, 0xff],
  ['echo-reply', 0, 0, 0xff],
  ['pong', 0, 0, 0xff],
  ['destination-unreachable', 3, 0, 0xff],
  ['network-unreachable', 3, 0, 0],
  ['host-unreachable', 3, 1, 1],
  ['protocol-unreachable', 3, 2, 2],
  ['port-unreachable', 3, 3, 3],
  ['fragmentation-needed', 3, 4, 4],
  ['source-route-failed', 3, 5, 5],
  ['network-unknown', 3, 6, 6],
  ['host-unknown', 3, 7, 7],
  ['network-prohibited', 3, 9, 9],
  ['host-prohibited', 3, 10, 10],
  ['TOS-network-unreachable', 3, 11, 11],
  ['TOS-host-unreachable', 3, 12, 12],
  ['communication-prohibited', 3, 13, 13],
  ['host-precedence-violation', 3, 14, 14],
  ['precedence-cutoff', 3, 15, 15],
  ['source-quench', 4, 0, 0xff],
  ['redirect', 5, 0, 0xff],
  ['network-redirect', 5, 0, 0],
  ['host-redirect', 5, 1, 1],
  ['TOS-network-redirect', 5, 2, 2],
  ['TOS-host-redirect', 5, 3, 3],
  ['echo-request', 8, 0, 0xff],
  ['ping', 8, 0, 0xff],
  ['router-advertisement', 9, 0, 0xff],
  ['router-solicitation', 10, 0, 0xff],
  ['time-exceeded', 11, 0, 0xff],
  ['ttl-exceeded', 11, 0, 0xff],
  ['ttl-zero-during-transit', 11, 0, 0],
  ['ttl-zero-during-reassembly', 11, 1, 1],
  ['parameter-problem', 12, 0, 0xff],
  ['ip-header-bad', 12, 0, 0],
  ['required-option-missing', 12, 1, 1],
  ['timestamp-request', 13, 0, 0xff],
  ['timestamp-reply', 14, 0, 0xff],
  ['address-mask-request', 17, 0, 0xff],
  ['address-mask-reply', 18, 0, 0xff],
];

interface IcmpData {
  type: number;
  code: [number, number];
}

/** parse_icmp: a (prefix of a) name, or TYPE[/CODE]. */
function parseIcmp(text: string): IcmpData {
  const hits = ICMP_CODES.filter(([name]) => name.toLowerCase().startsWith(text.toLowerCase()));
  const exact = hits.find(([name]) => name.length === text.length);
  const pick = exact ?? hits[0];
  if (pick) {
    const other = hits.find((h) => h[1] !== pick[1] || h[2] !== pick[2]);
    if (!exact && other) throw paramError(`Ambiguous ICMP type \`${text}': \`${pick[0]}' or \`${other[0]}'?`);
    return { type: pick[1], code: [pick[2], pick[3]] };
  }
  const m = /^(\d+)(?:\/(\d+))?$/.exec(text);
  if (!m || Number(m[1]) > 255 || (m[2] !== undefined && Number(m[2]) > 255))
    throw paramError(`Unknown ICMP type \`${text}'`);
  const code =
    m[2] === undefined ? ([0, 0xff] as [number, number]) : ([Number(m[2]), Number(m[2])] as [number, number]);
  return { type: Number(m[1]), code };
}

export const icmp: ExtSpec = {
  name: 'icmp',
  options: { 'icmp-type': { arg: true } },
  xtopts: xtTable(['icmp-type']),
  init: () => ({ type: 0xff, code: [0, 0xff], inv: false }),
  parse(d, _opt, arg, invert) {
    Object.assign(d, parseIcmp(arg), { inv: invert });
  },
  save(d) {
    const { type, code } = d as unknown as IcmpData;
    const invert = d.inv ? ' !' : '';
    if (type === 0xff) return `${invert} --icmp-type any`;
    return `${invert} --icmp-type ${type}${code[0] !== 0 || code[1] !== 0xff ? `/${code[0]}` : ''}`;
  },
  print(d, numeric) {
    const { type, code } = d as unknown as IcmpData;
    if (!numeric) {
      const hit = ICMP_CODES.find(([, t, lo, hi]) => t === type && lo === code[0] && hi === code[1]);
      if (hit) return ` icmp ${d.inv ? '!' : ''}${hit[0]}`;
    }
    let s = ` icmp${d.inv ? ' !' : ''}type ${type}`;
    if (code[0] === code[1]) s += ` code ${code[0]}`;
    else if (code[0] !== 0 || code[1] !== 0xff) s += ` codes ${code[0]}-${code[1]}`;
    return s;
  },
};
