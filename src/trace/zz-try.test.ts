import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { traceSynthetic } from './session.js';
import { traceDocument } from './json.js';
import { renderText } from './text.js';
import { parseIPv4 } from '../net/ipv4.js';

test('try', async () => {
  let out = '';
  const lab = { source: readFileSync('/tmp/tr/router.sh', 'utf8'), scriptName: 'router.sh', cwd: '/tmp', stdout: { write: (t: string) => void (out += t) }, stderr: { write: (t: string) => void (out += t) }, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) };
  for (const spec of [{ proto: 'icmp' as const, dst: parseIPv4('10.0.2.2')! }, { proto: 'tcp' as const, dst: parseIPv4('10.0.2.2')!, dport: 80 }]) {
    const r = await traceSynthetic(lab, 'h1', spec);
    if ('error' in r) throw new Error(r.error);
    console.log(out + renderText(traceDocument(r.events)));
  }
});
