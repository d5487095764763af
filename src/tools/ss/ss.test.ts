import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { addSocketOwner, dropSocketOwner } from '../../kernel/socket/owner.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { renderTable } from './render.js';
import type { Row } from './render.js';
import { parseFilter, runFilter } from './filter.js';
import { msTimer } from './rows.js';
import { runScript } from '../../shell/run.js';

async function world() {
  const w = new World();
  const ns = w.createNetns('a');
  await runTool(w, ['ip', 'link', 'set', 'lo', 'up'], { netns: ns });
  await runTool(w, ['ip', 'addr', 'add', '10.0.0.1/24', 'dev', 'lo'], { netns: ns });
  return { w, ns };
}

const ss = async (w: World, ns: ReturnType<World['createNetns']>, ...args: string[]) =>
  runTool(w, ['ss', ...args], { netns: ns });

describe('ss', () => {
  it('lists listeners with columns as wide as their widest field', async () => {
    const { w, ns } = await world();
    const s = new TcpSocket(ns);
    s.bind(parseIPv4('10.0.0.1')!, 8080);
    s.listen(1);
    const r = await ss(w, ns, '-ltn');
    expect(r.stdout).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'LISTEN 0      1           10.0.0.1:8080      0.0.0.0:*          \n',
    );
  });

  it('hides the State column for a single state and the Netid column for a single table', async () => {
    const { w, ns } = await world();
    const u = new UdpSocket(ns);
    u.bind(0, 53);
    const r = await ss(w, ns, '-un', 'state', 'closed');
    expect(r.stdout).toBe(
      'Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        '0      0            0.0.0.0:53        0.0.0.0:*          \n',
    );
    const both = await ss(w, ns, '-tuln');
    expect(both.stdout.split('\n')[0]).toMatch(/^Netid State/);
  });

  it('shows the owners recorded for a socket with -p', async () => {
    const { w, ns } = await world();
    const s = new TcpSocket(ns);
    s.bind(0, 80);
    s.listen(5);
    addSocketOwner(s, { comm: 'nc', pid: 1001, fd: 3 });
    expect((await ss(w, ns, '-Hltnp')).stdout).toContain('users:(("nc",pid=1001,fd=3))');
    dropSocketOwner(s);
    expect((await ss(w, ns, '-Hltnp')).stdout).not.toContain('users:');
  });

  it('rejects an unknown state name with exit 255', async () => {
    const { w, ns } = await world();
    const r = await ss(w, ns, '-t', 'state', 'bogus');
    expect(r).toMatchObject({ stderr: 'ss: wrong state name: bogus\n', status: 255 });
  });

  it('reports a bad address in a filter with exit 1', async () => {
    const { w, ns } = await world();
    const r = await ss(w, ns, '-t', 'dst', '1.2.3');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'Error: an inet prefix is expected rather than "1.2.3".\nCannot parse dst/src address.\n',
    );
  });
});

describe('ss filter expressions', () => {
  const sock = {
    localAddr: parseIPv4('10.0.0.1')!,
    localPort: 80,
    remoteAddr: parseIPv4('10.0.0.2')!,
    remotePort: 40000,
  };
  const cases: [string, boolean][] = [
    ['sport = :80', true],
    ['sport != :80', false],
    ['sport > :79', true],
    ['sport < :80', false],
    ['dport >= :40000', true],
    ['dst 10.0.0.0/24', true],
    ['src 10.0.0.1:81', false],
    ['not src 10.0.0.1', false],
    ['( sport = :81 or dport = :40000 ) and dst 10.0.0.2', true],
    ['sport = :80 dst 10.0.0.3', false],
  ];
  it.each(cases)('%s matches: %s', (text, expected) => {
    const parsed = parseFilter(text.split(' '), () => null);
    if (!parsed.ok) throw new Error(parsed.stderr);
    expect(runFilter(parsed.filter!, sock)).toBe(expected);
  });

  it('fails with bison bellows on a dangling keyword', () => {
    expect(parseFilter(['sport'], () => null)).toMatchObject({ ok: false, status: 255, usage: true });
  });
});

describe('ss layout', () => {
  const row = (proc: string): Row => ({
    netid: 'tcp',
    state: 'ESTAB',
    recvq: '0     ',
    sendq: '0     ',
    addr: '10.0.0.2:',
    serv: '40000',
    raddr: '10.0.0.1:',
    rserv: '80',
    proc,
  });
  it("does not measure the last row's Process field", () => {
    const out = renderTable([row(' timer:(timewait,59sec,0)')], new Set(['netid']), true);
    expect(out.split('\n')[0]).toBe('State Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess');
  });

  it.each([
    [59_800, '59sec'],
    [1_500, '1.500ms'],
    [200, '200ms'],
    [61_000, '1min1sec'],
  ])('print_ms_timer(%i) is %s', (ms, text) => expect(msTimer(ms)).toBe(text));

  it('counts an unread FIN in Recv-Q: a queued connection in CLOSE-WAIT shows its bytes plus one', async () => {
    let stdout = '';
    await runScript({
      world: new World(),
      source: `ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b nc -l -k -p 8080 > /dev/null &
sleep 0.2
{ echo first; sleep 1; } | ip netns exec a nc -N -p 40001 10.0.0.2 8080 &
sleep 0.2
echo queued | ip netns exec a nc -N -p 40002 10.0.0.2 8080 &
sleep 0.2
ip netns exec b ss -Htn state close-wait
wait %2 %3
kill %1
`,
      scriptName: 't.sh',
      args: [],
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: () => {} },
      cwd: process.cwd(),
      yieldToHost: () => new Promise<void>((r) => setImmediate(r)),
    });
    expect(stdout).toMatch(/^8 +0 +10\.0\.0\.2:8080 +10\.0\.0\.1:40002\s*$/);
  });
});
