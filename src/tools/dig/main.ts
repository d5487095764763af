import type { Command, Proc } from '../process.js';
import { Killed } from '../process.js';
import { formatIPv4, parseIPv4 } from '../../net/ipv4.js';
import type { DnsMessage } from '../../net/dns/message.js';
import { encodeMessage } from '../../net/dns/message.js';
import { optRecord } from '../../net/dns/edns.js';
import { EDNS_OPTION } from '../../net/dns/types.js';
import type { DigOptions, Lookup } from './args.js';
import { parseDigArgs } from './args.js';
import { formatMessage, formatWhen } from './format.js';
import { tcpExchange, udpExchange } from './transport.js';

export const DIG_VERSION = '9.18.49-1~deb12u3-Debian';

/** The UDP payload size dig 9.18 advertises. */
const EDNS_UDP_SIZE = 1232;

/** Exit status when no server answered (dig(1) "Return Codes"). */
const NO_REPLY = 9;

/** BIND's dig (Debian bind9-dnsutils 9.18): one query per lookup, over UDP or TCP, printed as dig does. */
export const dig: Command = async (proc) => {
  const parsed = parseDigArgs(proc.argv.slice(1));
  if (!parsed.ok) {
    proc.stdout.write(parsed.stdout);
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const o = parsed.options;
  // Without @server dig reads /etc/resolv.conf; the emulated hosts have none, so it asks the loopback.
  const server = o.server === null ? 0x7f000001 : parseIPv4(o.server);
  if (server === null) {
    proc.stderr.write(`dig: couldn't get address for '${o.server}': failure\n`);
    return 1;
  }
  const run = new DigRun(proc, o, server);
  try {
    let status = 0;
    for (const lookup of o.lookups) if (!(await run.lookup(lookup))) status = NO_REPLY;
    return status;
  } catch (e) {
    if (e instanceof Killed) return 128 + e.signal;
    throw e;
  }
};

class DigRun {
  private bannerShown = false;

  constructor(
    private readonly proc: Proc,
    private readonly o: DigOptions,
    private readonly server: number,
  ) {}

  /**
   * `; <<>> DiG ...`: before the first answer (unless +nocmd or +short), and
   * before "no servers could be reached" unless +nocmd, +short or +noall came
   * before the name (measured: after it they do not count).
   */
  private banner(failure = false): void {
    if (this.bannerShown || !(failure ? this.o.globalCmd : this.o.display.cmd)) return;
    this.bannerShown = true;
    const args = this.proc.argv.slice(1).join(' ');
    this.proc.stdout.write(
      `\n; <<>> DiG ${DIG_VERSION} <<>> ${args}\n` +
        (this.o.server !== null ? '; (1 server found)\n' : '') +
        ';; global options: +cmd\n',
    );
  }

  private query(lookup: Lookup): { bytes: Uint8Array; id: number } {
    const rng = this.proc.world.rng;
    const id = rng.below(0x10000);
    const options = this.o.cookie
      ? [{ code: EDNS_OPTION.COOKIE, data: Uint8Array.from({ length: 8 }, () => rng.byte()) }]
      : [];
    const msg: DnsMessage = {
      header: {
        id,
        qr: false,
        opcode: 0,
        aa: false,
        tc: false,
        rd: true,
        ra: false,
        z: false,
        ad: true,
        cd: false,
        rcode: 0,
      },
      questions: [{ name: lookup.name, type: lookup.type, class: lookup.class }],
      answers: [],
      authority: [],
      additional: this.o.edns
        ? [optRecord({ udpSize: EDNS_UDP_SIZE, extendedRcode: 0, version: 0, dnssecOk: false, options })]
        : [],
    };
    return { bytes: encodeMessage(msg), id };
  }

  /** One lookup with its tries; false when no server answered. */
  async lookup(lookup: Lookup): Promise<boolean> {
    const { proc, o, server } = this;
    const where = `${formatIPv4(server)}#${o.port}`;
    const { bytes, id } = this.query(lookup);
    const exchange = o.tcp ? tcpExchange : udpExchange;
    let commErrors = 0;
    for (let attempt = 0; attempt < o.tries; attempt++) {
      const r = await exchange(proc, server, o.port, bytes, id, o.timeout * 1000);
      if (r.kind === 'answer') {
        this.banner();
        proc.stdout.write(formatMessage(r.message, o.display));
        if (o.display.stats && !o.display.short)
          proc.stdout.write(
            `;; Query time: ${r.rttMs} msec\n` +
              `;; SERVER: ${where}(${formatIPv4(server)}) (${o.tcp ? 'TCP' : 'UDP'})\n` +
              `;; WHEN: ${formatWhen(proc.world.clock.now)}\n` +
              `;; MSG SIZE  rcvd: ${r.size}\n\n`,
          );
        return true;
      }
      if (r.kind === 'error' && !o.tcp) {
        proc.stdout.write(`;; communications error to ${where}: ${r.reason}\n`);
        commErrors++;
        continue;
      }
      // TCP and socket setup failures end the query at once, each try on its own (measured: 9.18 prints
      // the pair once per try).
      const what = r.kind === 'setup' ? 'UDP setup with' : 'Connection to';
      proc.stdout.write(
        `;; ${what} ${where}(${formatIPv4(server)}) for ${lookup.typed} failed: ${r.reason}.\n` +
          ';; no servers could be reached\n',
      );
    }
    if (commErrors > 0) {
      this.banner(true);
      proc.stdout.write(';; no servers could be reached\n');
    }
    return false;
  }
}
