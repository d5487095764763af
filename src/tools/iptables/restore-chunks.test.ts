import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import { chainHandle, ruleHandles } from '../../kernel/netfilter/types.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';

beforeAll(async () => {
  for (const c of ['iptables-save', 'iptables-restore', 'ip', 'ping']) await findCommand(c);
});

const RESTORE = ['iptables-restore', '--noflush', '--counters'];

/** kube-proxy's shape: chains declared, then a long run of `-A` lines in one chunk, then the rest. */
function chunks(services: number, extra: readonly string[] = []): string[] {
  const decls = [':KUBE-SERVICES - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
  for (let i = 0; i < services; i++) decls.push(`:KUBE-SVC-${i} - [0:0]`);
  const capture: string[] = [];
  for (let i = 0; i < services; i++)
    capture.push(
      `-A KUBE-SERVICES -m comment --comment "ns/svc${i} cluster IP" -m tcp -p tcp -d 10.96.0.${i + 1}/32 --dport 80 -j KUBE-SVC-${i}`,
    );
  const own: string[] = [];
  for (let i = 0; i < services; i++)
    own.push(`-A KUBE-SVC-${i} -m comment --comment "ns/svc${i}" -j KUBE-MARK-MASQ`);
  return [
    '*nat\n',
    `${decls.join('\n')}\n`,
    `${capture.join('\n')}\n`,
    `${own.join('\n')}\n`,
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000\n',
    ...extra,
    'COMMIT\n',
  ];
}

const save = async (w: World, ns: Netns) =>
  (await runTool(w, ['iptables-save', '-c'], { netns: ns })).stdout.replace(/^#.*\n/gm, '');

/** What a netns's nat table holds, handles included (iptables-save does not print them). */
const nat = (ns: Netns) => {
  const t = ns.netfilter.view('nat');
  return [...t.user.values()].map((c) => ({
    name: c.name,
    handle: chainHandle(t, c),
    handles: ruleHandles(t, c),
    rules: c.rules.length,
  }));
};

describe('iptables-restore of a pipe written in chunks', () => {
  it('gives exactly what the whole text gives, in every namespace that restores the same chunks', async () => {
    const w = new World({ seed: 1 });
    const input = chunks(50);
    const plain = w.createNetns('plain');
    expect((await runTool(w, RESTORE, { netns: plain, stdin: input.join('') })).status).toBe(0);
    for (const name of ['a', 'b']) {
      const ns = w.createNetns(name);
      const run = await runTool(w, RESTORE, { netns: ns, stdin: input });
      expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(await save(w, ns)).toBe(await save(w, plain));
      expect(nat(ns)).toEqual(nat(plain));
    }
    // Restored again (a partial sync): still the same as the text.
    for (const ns of [plain, w.named.get('a')!])
      await runTool(w, RESTORE, { netns: ns, stdin: ns === plain ? input.join('') : input });
    expect(nat(w.named.get('a')!)).toEqual(nat(plain));
  });

  it('shares the parsed rules of a chunk between namespaces, counters apart', async () => {
    const w = new World({ seed: 1 });
    const input = chunks(20);
    const [a, b] = [w.createNetns('a'), w.createNetns('b')];
    for (const ns of [a, b]) await runTool(w, RESTORE, { netns: ns, stdin: input });
    const rulesOf = (ns: Netns) => ns.netfilter.view('nat').user.get('KUBE-SERVICES')!.rules;
    expect(rulesOf(b).every((r, i) => r === rulesOf(a)[i])).toBe(true);
    // One array for both (restore-rebase.ts), which no packet writes: a first hit copies it (ownChain).
    expect(rulesOf(a)).toBe(rulesOf(b));
    expect(sharedLists.has(rulesOf(a))).toBe(true);
  });

  it('keeps the array of a chain refilled with the very rules it held (a partial sync rewriting KUBE-SERVICES)', async () => {
    const w = new World({ seed: 1 });
    const ns = w.createNetns('a');
    const input = chunks(20);
    await runTool(w, RESTORE, { netns: ns, stdin: input });
    const t0 = ns.netfilter.view('nat');
    const before = t0.user.get('KUBE-SERVICES')!;
    await runTool(w, RESTORE, { netns: ns, stdin: input });
    const t1 = ns.netfilter.view('nat');
    const after = t1.user.get('KUBE-SERVICES')!;
    expect(after.rules).toBe(before.rules);
    // New rules as far as handles go: each line added its rule again.
    expect(ruleHandles(t1, after)[0]).toBeGreaterThan(ruleHandles(t0, before)[19]!);
  });

  it("counts a packet in its own namespace only, though both hold the chunk's shared rules", async () => {
    const w = new World({ seed: 1 });
    const input = [
      '*filter\n',
      ':OUTPUT ACCEPT [0:0]\n',
      '-A OUTPUT -o lo -p icmp -m comment --comment "counted per namespace" -j ACCEPT\n',
      'COMMIT\n',
    ];
    const [a, b] = [w.createNetns('a'), w.createNetns('b')];
    for (const ns of [a, b]) {
      await runTool(w, ['ip', 'link', 'set', 'lo', 'up'], { netns: ns });
      await runTool(w, RESTORE, { netns: ns, stdin: input });
    }
    expect((await runTool(w, ['ping', '-c', '1', '127.0.0.1'], { netns: a })).status).toBe(0);
    expect(await save(w, a)).toMatch(/^\[[1-9]\d*:\d+\] -A OUTPUT -o lo/m);
    expect(await save(w, b)).toMatch(/^\[0:0\] -A OUTPUT -o lo/m);
  });

  it('refills a chain whose rules packets have counted exactly as lines do', async () => {
    const w = new World({ seed: 1 });
    const input = [
      '*filter\n',
      ':OUT - [0:0]\n',
      '-A OUTPUT -o lo -j OUT\n',
      '-A OUT -p icmp -m comment --comment "first" -j RETURN\n-A OUT -p icmp -m comment --comment "second"\n',
      'COMMIT\n',
    ];
    const [text, chunked] = [w.createNetns('text'), w.createNetns('chunks')];
    for (const ns of [text, chunked]) {
      await runTool(w, ['ip', 'link', 'set', 'lo', 'up'], { netns: ns });
      await runTool(w, RESTORE, { netns: ns, stdin: input });
      await runTool(w, ['ping', '-c', '1', '127.0.0.1'], { netns: ns });
    }
    expect(await save(w, chunked)).toMatch(/^\[[1-9]\d*:\d+\] -A OUT -p icmp -m comment --comment first/m);
    await runTool(w, RESTORE, { netns: text, stdin: input.join('') });
    await runTool(w, RESTORE, { netns: chunked, stdin: input });
    expect(await save(w, chunked)).toBe(await save(w, text));
    expect(await save(w, chunked)).toMatch(/^\[0:0\] -A OUT -p icmp -m comment --comment first/m);
  });

  it('reports a line of a chunk read before exactly as the text reports it', async () => {
    const w = new World({ seed: 1 });
    const good = chunks(30);
    await runTool(w, RESTORE, { netns: w.createNetns('first'), stdin: good });
    // The chunk's jump targets are not declared here: the line path says so, at the same line.
    const bad = [good[0]!, ':KUBE-SERVICES - [0:0]\n', ...good.slice(2)];
    const want = await runTool(w, RESTORE, { netns: w.createNetns('text'), stdin: bad.join('') });
    const got = await runTool(w, RESTORE, { netns: w.createNetns('chunks'), stdin: bad });
    expect(want.status).not.toBe(0);
    expect(got).toEqual(want);
    expect(await save(w, w.named.get('chunks')!)).toBe(await save(w, w.named.get('text')!));
  });

  it('blames the same line when a chunk read before fails at COMMIT', async () => {
    const w = new World({ seed: 1 });
    // DNAT is refused where KUBE-SERVICES is reached from POSTROUTING: only COMMIT's graph check sees it.
    const extra = [
      '-A KUBE-MARK-MASQ -p tcp -j DNAT --to-destination 10.1.1.1:80\n',
      ':POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -j KUBE-SERVICES\n',
    ];
    await runTool(w, RESTORE, { netns: w.createNetns('first'), stdin: chunks(10) });
    const bad = chunks(10, extra);
    const want = await runTool(w, RESTORE, { netns: w.createNetns('text'), stdin: bad.join('') });
    const got = await runTool(w, RESTORE, { netns: w.createNetns('chunks'), stdin: bad });
    expect(want.status).toBe(4);
    expect(got).toEqual(want);
  });

  it('refills a flushed chain exactly as lines do: fewer rules, more rules, chains deleted after', async () => {
    const services = 12;
    const base = chunks(services);
    const capture = base[2]!.split('\n').slice(0, -1);
    const own = base[3]!.split('\n').slice(0, -1);
    const decls = (n: number) =>
      [':KUBE-SERVICES - [0:0]', ...Array.from({ length: n }, (_, i) => `:KUBE-SVC-${i} - [0:0]`)].join(
        '\n',
      ) + '\n';
    const batches: string[][] = [
      // The first half again, then the chains no rule jumps to any more are deleted.
      [
        '*nat\n',
        decls(services),
        `${capture.slice(0, 6).join('\n')}\n`,
        `${own.join('\n')}\n`,
        Array.from({ length: 6 }, (_, i) => `-F KUBE-SVC-${i + 6}\n-X KUBE-SVC-${i + 6}\n`).join(''),
        'COMMIT\n',
      ],
      // The same again, one chain still referenced: EBUSY.
      ['*nat\n', decls(services), `${capture.join('\n')}\n`, '-F KUBE-SVC-3\n-X KUBE-SVC-3\n', 'COMMIT\n'],
      // All of them and one more.
      [
        '*nat\n',
        decls(services),
        `${capture.join('\n')}\n`,
        '-A KUBE-SERVICES -j KUBE-MARK-MASQ\n',
        `${capture.slice(2, 4).join('\n')}\n`,
        'COMMIT\n',
      ],
      // A chain deleted before the refill: the lines' own checks.
      ['*nat\n', decls(services), '-F KUBE-SVC-5\n-X KUBE-SVC-5\n', `${capture.join('\n')}\n`, 'COMMIT\n'],
    ];
    const statuses: number[] = [];
    for (const batch of batches) {
      const w = new World({ seed: 1 });
      const [text, chunked] = [w.createNetns('text'), w.createNetns('chunks')];
      for (const ns of [text, chunked]) await runTool(w, RESTORE, { netns: ns, stdin: base });
      const want = await runTool(w, RESTORE, { netns: text, stdin: batch.join('') });
      const got = await runTool(w, RESTORE, { netns: chunked, stdin: batch });
      statuses.push(want.status);
      expect(got).toEqual(want);
      expect(await save(w, chunked)).toBe(await save(w, text));
      expect(nat(chunked)).toEqual(nat(text));
      // The next batch sees the same reference counts: deleting every service chain.
      const rest = ['*nat\n', ':KUBE-SERVICES - [0:0]\n', '-X\n', 'COMMIT\n'];
      for (const ns of [text, chunked]) await runTool(w, RESTORE, { netns: ns, stdin: rest });
      expect(nat(chunked)).toEqual(nat(text));
    }
    // Deleted, EBUSY (still referenced), refilled and more, a jump to a chain gone.
    expect(statuses).toEqual([0, 4, 0, 2]);
  });

  it('reads a chunk that does not end a line as part of the text', async () => {
    const w = new World({ seed: 1 });
    const text = chunks(5).join('');
    const cut = [text.slice(0, 100), text.slice(100, 431), text.slice(431)];
    const plain = w.createNetns('plain');
    await runTool(w, RESTORE, { netns: plain, stdin: text });
    const ns = w.createNetns('cut');
    expect((await runTool(w, RESTORE, { netns: ns, stdin: cut })).status).toBe(0);
    expect(await save(w, ns)).toBe(await save(w, plain));
  });
});
