import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import type { Table } from '../../kernel/netfilter/types.js';
import { chainHandle } from '../../kernel/netfilter/types.js';
import { kernelView } from '../../kernel/netfilter/testing.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';
import { setRestoreMemo } from './restore-memo.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore', 'ip', 'ping']) await findCommand(c);
});
afterEach(() => setRestoreMemo(true));

const RESTORE = ['iptables-restore', '--noflush', '--counters'];

/**
 * A kube-proxy-shaped body for one namespace: per service its chains
 * declared (one endpoint chain per local endpoint, `local[i]`), the
 * capture rules, then each service's rules, a chunk per service.
 */
function body(local: readonly number[]): string[] {
  const decls = local.map(
    (l, i) =>
      `:KUBE-SVC-${i} - [0:0]\n` +
      Array.from({ length: l }, (_, k) => `:KUBE-SEP-${i}-${k} - [0:0]\n`).join(''),
  );
  const capture = local
    .map((_, i) => `-A KUBE-SERVICES -p icmp -m comment --comment "svc${i}" -j KUBE-SVC-${i}\n`)
    .join('');
  // A service's rules in one chunk (as kube-proxy writes them), or for odd services a chunk per chain.
  const own = local.flatMap((l, i) => {
    const chunks = [
      Array.from(
        { length: l },
        (_, k) => `-A KUBE-SVC-${i} -m comment --comment "svc${i} ep${k}" -j KUBE-SEP-${i}-${k}\n`,
      ).join('') + `-A KUBE-SVC-${i} -m comment --comment "svc${i} none" -j RETURN\n`,
      ...Array.from(
        { length: l },
        (_, k) => `-A KUBE-SEP-${i}-${k} -m comment --comment "svc${i} ep${k}" -j ACCEPT\n`,
      ),
    ];
    return i % 2 === 1 ? chunks : [chunks.join('')];
  });
  return ['*filter\n', ':KUBE-SERVICES - [0:0]\n', ...decls, capture, ...own, 'COMMIT\n'];
}

/** Namespaces set up as kube-proxy's EnsureChain/EnsureRule leave them, then each restoring its body. */
async function restoreAll(
  bodies: readonly string[][],
  pings: readonly number[],
  rebase: boolean,
  edit = true,
) {
  const w = new World({ seed: 5 });
  const nss: Netns[] = bodies.map((_, n) => w.createNetns(`node-${n}`));
  setRestoreMemo(rebase);
  for (const [n, ns] of nss.entries()) {
    await runTool(w, ['ip', 'link', 'set', 'lo', 'up'], { netns: ns });
    await runTool(w, ['iptables', '-N', 'KUBE-SERVICES'], { netns: ns });
    await runTool(w, ['iptables', '-I', 'OUTPUT', '-o', 'lo', '-j', 'KUBE-SERVICES'], { netns: ns });
    const r = await runTool(w, RESTORE, { netns: ns, stdin: bodies[n]! });
    expect([r.status, r.stderr]).toEqual([0, '']);
  }
  for (const n of pings) await runTool(w, ['ping', '-c', '1', '-W', '1', '127.0.0.1'], { netns: nss[n]! });
  // Edits of a chain shared with the template: its handles as the namespace numbers them.
  for (const ns of edit ? nss : []) {
    const edits = [
      ['-I', 'KUBE-SVC-0', '2', '-m', 'comment', '--comment', 'added', '-j', 'RETURN'],
      ['-D', 'KUBE-SVC-0', '1'],
      ['-A', 'KUBE-SERVICES', '-j', 'RETURN'],
    ];
    for (const e of edits) expect((await runTool(w, ['iptables', ...e], { netns: ns })).status).toBe(0);
  }
  const out = [];
  for (const ns of nss) {
    const save = await runTool(w, ['iptables-save', '-c'], { netns: ns });
    out.push({
      save: save.stdout.replace(/^#.*\n/gm, ''),
      filter: kernelView(ns.netfilter.current('filter')),
    });
  }
  setRestoreMemo(true);
  return { out, tables: nss.map((ns) => ns.netfilter.current('filter')!) };
}

describe('iptables-restore of a body much like one another namespace restored (restore-rebase.ts)', () => {
  it('gives every namespace the chains, handles and counters reading its lines gives', async () => {
    const locals = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(locals, { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(3), { maxLength: 3 }),
        async (perNode, pingsAt) => {
          // Every node has the same services; which endpoints are local differs.
          const services = perNode[0]!.length;
          const bodies = perNode.map((l) => body(Array.from({ length: services }, (_, i) => l[i] ?? 0)));
          const pings = pingsAt.filter((n) => n < bodies.length);
          const [got, want] = [await restoreAll(bodies, pings, true), await restoreAll(bodies, pings, false)];
          expect(got.out).toEqual(want.out);
        },
      ),
      { numRuns: 60, seed: 8 },
    );
  });

  it('shares the chains that do not differ, and a packet counts in its own namespace only', async () => {
    const bodies = [body([2, 1, 0, 3]), body([1, 1, 0, 3]), body([2, 1, 0, 3])];
    const { out, tables } = await restoreAll(bodies, [1], true, false);
    const [a, b, c] = tables as [Table, Table, Table];
    // node-1 has one endpoint chain fewer for svc0: the chains after it keep node-0's objects, shifted.
    expect(b.shift).toBeDefined();
    expect(b.user.get('KUBE-SVC-3')).toBe(a.user.get('KUBE-SVC-3'));
    expect(chainHandle(b, b.user.get('KUBE-SVC-3')!)).toBe(chainHandle(a, a.user.get('KUBE-SVC-3')!) - 1);
    expect(c.user.get('KUBE-SVC-0')).toBe(a.user.get('KUBE-SVC-0'));
    expect(sharedLists.has(a.user.get('KUBE-SVC-3')!.rules)).toBe(true);
    // node-1's ping (request and reply) went through KUBE-SERVICES and KUBE-SVC-0: its own copies now, node-0's untouched.
    expect(b.user.get('KUBE-SERVICES')).not.toBe(a.user.get('KUBE-SERVICES'));
    expect(out[1]!.save).toMatch(
      /^\[2:168\] -A KUBE-SERVICES -p icmp -m comment --comment svc0 -j KUBE-SVC-0$/m,
    );
    expect(out[0]!.save).toMatch(
      /^\[0:0\] -A KUBE-SERVICES -p icmp -m comment --comment svc0 -j KUBE-SVC-0$/m,
    );
    expect(out[2]!.save).toBe(out[0]!.save);
  });
});
