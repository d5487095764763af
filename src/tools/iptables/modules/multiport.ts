import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { parsePort, portText } from './ports.js';
import { protoName } from '../names.js';

type Item = [number, number];
const LABEL: Record<string, string> = {
  sports: 'sports',
  'source-ports': 'sports',
  dports: 'dports',
  'destination-ports': 'dports',
  ports: 'ports',
};

/** multiport revision 1: up to 15 ports, a range counting as two. */
export const multiport: ExtSpec = {
  name: 'multiport',
  options: {
    sports: { arg: true },
    'source-ports': { arg: true },
    dports: { arg: true },
    'destination-ports': { arg: true },
    ports: { arg: true },
  },
  // Revision 1's table: one of the three, each invertible.
  xtopts: [
    { name: 'source-ports', aliases: ['sports'], invert: true, excl: ['destination-ports', 'ports'] },
    { name: 'destination-ports', aliases: ['dports'], invert: true, excl: ['source-ports', 'ports'] },
    { name: 'ports', invert: true, excl: ['source-ports', 'destination-ports'] },
  ],
  parse(d, opt, arg, invert, ctx) {
    const proto = protoName(ctx.proto) ?? '';
    if (ctx.protoInvert || !['tcp', 'udp', 'udplite', 'sctp', 'dccp'].includes(proto))
      throw paramError("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
    const items: Item[] = arg.split(',').map((part) => {
      const [a, b] = part.split(':', 2);
      const lo = parsePort(a, proto);
      return [lo, b === undefined ? lo : parsePort(b, proto)] as Item;
    });
    const slots = items.reduce((n, [lo, hi]) => n + (lo === hi ? 1 : 2), 0);
    if (slots > 15) throw paramError('too many ports specified');
    Object.assign(d, { kind: LABEL[opt], items, inv: invert, proto });
  },
  final(d) {
    if (!d.kind) throw paramError('multiport expection an option');
  },
  save(d) {
    const items = (d.items as Item[]).map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}:${hi}`)).join(',');
    return `${d.inv ? ' !' : ''} --${d.kind as string} ${items}`;
  },
  print(d, numeric) {
    const p = d.proto as string;
    const items = (d.items as Item[])
      .map(([lo, hi]) =>
        lo === hi ? portText(lo, p, numeric) : `${portText(lo, p, numeric)}:${portText(hi, p, numeric)}`,
      )
      .join(',');
    return ` multiport ${d.kind as string} ${d.inv ? ' !' : ''}${items}`;
  },
};
