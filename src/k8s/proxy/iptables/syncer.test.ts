import { describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../../tools/testing.js';
import { IptablesSyncer } from './syncer.js';
import { FAKE_PROXIER, makeService, makeSlice } from './testing.js';

const svc = (name: string, ip: string) =>
  makeService('ns1', name, { clusterIP: ip, ports: [{ name: 'p80', port: 80, protocol: 'TCP' }] });
const slice = (name: string, ...ips: string[]) =>
  makeSlice(
    'ns1',
    name,
    ips.map((ip) => ({ addresses: [ip] })),
  );

/** A syncer for two services, and a kernel its restores go into, as kube-proxy's go into the real one. */
async function twoServices() {
  const world = new World({ seed: 1 });
  const syncer = new IptablesSyncer({ ...FAKE_PROXIER, nfacct: false });
  syncer.setService(svc('a', '172.30.0.41'));
  syncer.setService(svc('b', '172.30.0.42'));
  syncer.setEndpointSlice(slice('a', '10.180.0.1'));
  syncer.setEndpointSlice(slice('b', '10.180.0.2'));
  const natChains = async () =>
    (await runTool(world, ['iptables-save', '-t', 'nat'])).stdout
      .split('\n')
      .filter((l) => l.startsWith(':'))
      .map((l) => l.slice(1).split(' ')[0]);
  let now = 0;
  const sync = async () => {
    const existing = await natChains();
    const out = syncer.sync((now += 1000), () => existing);
    const r = await runTool(world, ['iptables-restore', '--noflush', '--counters'], { stdin: out.restore });
    expect(r.stderr).toBe('');
    return out;
  };
  const save = async () =>
    (await runTool(world, ['iptables-save', '-t', 'nat'])).stdout.replace(/^#.*\n/gm, '');
  return { syncer, sync, save };
}

describe('IptablesSyncer: full, then partial syncs as upstream kube-proxy makes them', () => {
  it('writes every service on the first sync, and only changed services after', async () => {
    const { syncer, sync } = await twoServices();
    const first = await sync();
    expect(first.partial).toBe(false);
    expect(first.restore).toContain('ns1/a:p80 -> 10.180.0.1:80');
    expect(first.restore).toContain('ns1/b:p80 -> 10.180.0.2:80');

    syncer.setEndpointSlice(slice('b', '10.180.0.2', '10.180.0.3'));
    const second = await sync();
    expect(second.partial).toBe(true);
    expect([...second.changed!]).toEqual(['ns1/b']);
    // Unchanged services keep their capture rules in KUBE-SERVICES (the chain is rewritten whole)...
    expect(second.restore).toContain(
      '"ns1/a:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-',
    );
    // ... but not their own chains.
    expect(second.restore).not.toContain('ns1/a:p80 -> ');
    expect(second.restore).toContain('ns1/b:p80 -> 10.180.0.3:80');
    expect(second.skippedNatRules).toBe(4); // a's masquerade and jump rules, its SEP's two rules
  });

  it('leaves the kernel with what a full sync would have written', async () => {
    const partial = await twoServices();
    await partial.sync();
    partial.syncer.setEndpointSlice(slice('a', '10.180.0.9'));
    await partial.sync();

    const full = await twoServices();
    full.syncer.setEndpointSlice(slice('a', '10.180.0.9'));
    await full.sync();
    expect(await partial.save()).toBe(await full.save());
  });

  it("deletes a removed endpoint's chain: declared (flushed), then -X", async () => {
    const { syncer, sync, save } = await twoServices();
    const first = await sync();
    const oldSep = /-A (KUBE-SEP-\w+) .*10\.180\.0\.1:80/.exec(first.restore)![1];
    syncer.setEndpointSlice(slice('a', '10.180.0.5'));
    const second = await sync();
    expect(second.deletedChains).toBe(1);
    expect(second.restore).toContain(`:${oldSep} - [0:0]\n`);
    expect(second.restore).toContain(`-X ${oldSep}\n`);
    expect(await save()).not.toContain(oldSep);
  });

  it('treats an update that changes nothing kube-proxy uses as no change', async () => {
    const { syncer, sync } = await twoServices();
    await sync();
    const same = slice('a', '10.180.0.1');
    syncer.setEndpointSlice({ ...same, metadata: { ...same.metadata, annotations: { touched: 'yes' } } });
    const second = await sync();
    expect(second.partial).toBe(true);
    expect(second.changed!.size).toBe(0);
    expect(second.restore).not.toContain(' -> ');
  });

  it('falls back to a full sync after a failed restore', async () => {
    const { syncer, sync } = await twoServices();
    await sync();
    syncer.setService(svc('a', '172.30.0.51'));
    syncer.failed();
    const next = await sync();
    expect(next.partial).toBe(false);
    expect(next.restore).toContain('ns1/b:p80 -> 10.180.0.2:80');
  });

  it('removes a deleted service: its capture rules go, its chains are deleted', async () => {
    const { syncer, sync, save } = await twoServices();
    await sync();
    syncer.deleteService('ns1/b');
    const next = await sync();
    expect(next.restore).not.toContain('ns1/b:p80 cluster IP');
    expect(next.deletedChains).toBe(2); // KUBE-SVC- and KUBE-SEP-
    expect(await save()).not.toContain('ns1/b');
  });
});
