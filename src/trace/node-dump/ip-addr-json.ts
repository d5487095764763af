/**
 * `ip -j addr` (and `ip -d -j addr`): iproute2's JSON, one object per
 * interface with its addresses in `addr_info`. Only IPv4 addresses are
 * kept; podpath does not model IPv6.
 */
import { parseIPv4 } from '../../net/ipv4.js';
import { parseMac } from '../../net/mac.js';
import { DumpError } from './error.js';
import { DUMP_FILES } from './files.js';
import type { NodeAddr, NodeLink } from './link.js';

const FILE = DUMP_FILES.addrJson;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The 1-based line of a character offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * The line a JSON.parse error points at. Newer V8 names the offset
 * (`at position N`); Node 20's names the token and quotes the text around
 * it (`Unexpected token '}', ..."\n "mtu": }" is not valid JSON`).
 */
function syntaxLine(text: string, message: string): number {
  const at = /position (\d+)/.exec(message);
  if (at) return lineAt(text, Number(at[1]));
  const quoted = /^Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  const start = quoted ? text.indexOf(quoted[2]) : -1;
  if (!quoted || start < 0) return 1;
  // The snippet is centred on the token when it could be; its last occurrence in the snippet is the safer guess.
  const token = quoted[2].lastIndexOf(quoted[1]);
  return lineAt(text, start + Math.max(token, 0));
}

export function parseIpAddrJson(text: string): NodeLink[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new DumpError(FILE, syntaxLine(text, message), `not JSON: ${message}`);
  }
  if (!Array.isArray(doc)) throw new DumpError(FILE, 1, 'expected a JSON array of interfaces (ip -j addr)');
  // Pretty-printed (`ip -j -p`) dumps have one interface per several lines: name each by its line.
  const lines = text.split('\n');
  const lineOf = (name: string): number => {
    const i = lines.findIndex((l) => l.includes(`"ifname"`) && l.includes(`"${name}"`));
    return lines.length > 1 && i >= 0 ? i + 1 : 1;
  };
  return doc.map((entry, i) => linkOf(entry, i, lineOf));
}

function linkOf(entry: unknown, index: number, lineOf: (name: string) => number): NodeLink {
  const where = `interface #${index + 1}`;
  if (!isObject(entry)) throw new DumpError(FILE, 1, `${where}: not an object`);
  const name = entry.ifname;
  if (typeof name !== 'string' || name === '') throw new DumpError(FILE, 1, `${where}: no "ifname"`);
  const line = lineOf(name);
  const mtu = entry.mtu;
  if (typeof mtu !== 'number' || !Number.isInteger(mtu) || mtu <= 0)
    throw new DumpError(FILE, line, `${name}: bad or missing "mtu"`);
  const flags = Array.isArray(entry.flags) ? entry.flags.filter((f) => typeof f === 'string') : [];
  const address = typeof entry.address === 'string' ? parseMac(entry.address) : null;
  const linkinfo = isObject(entry.linkinfo) ? entry.linkinfo : {};
  const addrInfo = entry.addr_info ?? [];
  if (!Array.isArray(addrInfo)) throw new DumpError(FILE, line, `${name}: "addr_info" is not an array`);
  return {
    line,
    name,
    mtu,
    mac: entry.link_type === 'ether' ? address : null,
    up: flags.includes('UP'),
    loopback: entry.link_type === 'loopback' || flags.includes('LOOPBACK'),
    kind: typeof linkinfo.info_kind === 'string' ? linkinfo.info_kind : '',
    addrs: addrInfo.flatMap((a, j) => addrOf(a, `${name}: address #${j + 1}`, line)),
  };
}

function addrOf(a: unknown, where: string, line: number): NodeAddr[] {
  if (!isObject(a)) throw new DumpError(FILE, line, `${where}: not an object`);
  if (a.family !== 'inet') return [];
  const local = a.local;
  if (typeof local !== 'string' || parseIPv4(local) === null)
    throw new DumpError(FILE, line, `${where}: bad or missing "local"`);
  const prefixlen = a.prefixlen;
  if (typeof prefixlen !== 'number' || !Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32)
    throw new DumpError(FILE, line, `${where}: bad or missing "prefixlen"`);
  const text = (key: string): string | undefined => {
    const v = a[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new DumpError(FILE, line, `${where}: "${key}" is not a string`);
    return v;
  };
  const ipv4 = (key: string): string | undefined => {
    const v = text(key);
    if (v !== undefined && parseIPv4(v) === null)
      throw new DumpError(FILE, line, `${where}: "${key}" is not an IPv4 address`);
    return v;
  };
  // A point-to-point address carries its peer in "address".
  const peer = ipv4('address');
  const broadcast = ipv4('broadcast');
  const label = text('label');
  const metric = typeof a.metric === 'number' ? a.metric : undefined;
  return [
    {
      line,
      local,
      prefixlen,
      ...(peer === undefined || peer === local ? {} : { peer }),
      ...(broadcast === undefined ? {} : { broadcast }),
      scope: text('scope') ?? 'global',
      ...(label === undefined ? {} : { label }),
      noprefixroute: a.noprefixroute === true,
      ...(metric === undefined ? {} : { metric }),
    },
  ];
}
