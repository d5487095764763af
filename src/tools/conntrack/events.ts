import type { Proc } from '../process.js';
import type { CtEvent } from '../../kernel/netfilter/conntrack/api.js';
import { ctListen } from '../../kernel/netfilter/conntrack/api.js';
import type { CtArgs } from './args.js';
import { selected } from './filter.js';
import { formatEntry, formatSave, formatXml, XML_FOOTER, XML_HEADER } from './format.js';

const PROG = 'conntrack v1.4.7 (conntrack-tools)';

/** Long enough to be "until a signal": a listener sleeps on the virtual clock. */
const FOREVER_MS = 1e15;

/** event_print_timestamp without a kernel timestamp: the (virtual) time of day, `[sec.usec]\t`. */
function stamp(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const usec = Math.floor((ms - sec * 1000) * 1000);
  return `[${String(sec).padStart(8, '0')}.${String(usec).padStart(6, '0')}]\t`;
}

/**
 * conntrack -E: bind to the event groups (-e, all by default), print each
 * event that passes the filters as it happens, until a signal; then, as
 * event_sighandler does on SIGINT/SIGTERM, close the XML document and
 * report the count on stderr.
 */
export async function events(proc: Proc, a: CtArgs): Promise<number> {
  const expect = a.command === 'EXP_E';
  let count = 0;
  let xmlOpen = false;
  const groups = expect ? 0 : a.options.has('event-mask') ? a.eventMask : 7;
  const print = (ev: CtEvent) => {
    if (!selected(ev.entry, a, false)) return;
    let line: string;
    if (a.output.save) line = formatSave(ev.entry, ev.type);
    else if (a.output.xml) {
      if (!xmlOpen) proc.stdout.write(XML_HEADER);
      xmlOpen = true;
      line = formatXml(ev.entry, ev.type);
    } else {
      line =
        (a.output.timestamp ? stamp(proc.world.clock.now) : '') + formatEntry(ev.entry, a.output, ev.type);
    }
    if (ev.portid !== 0) line += ` [USERSPACE] portid=${ev.portid}`;
    proc.stdout.write(`${line}\n`);
    count++;
  };
  const unlisten = ctListen(proc.netns, groups, print);
  const offKill = proc.onKill((signal) => {
    if (signal !== 2 && signal !== 15) return;
    if (xmlOpen) proc.stdout.write(expect ? '</expect>\n' : XML_FOOTER);
    const what = expect ? 'expectation events' : 'flow events';
    proc.stderr.write(`${PROG}: ${count} ${what} have been shown.\n`);
  });
  try {
    await proc.sleep(FOREVER_MS);
    return 0;
  } finally {
    unlisten();
    offKill();
  }
}
