import { describe, expect, it } from 'vitest';
import { runTool } from '../testing.js';
import { Lab } from '../../kernel/ipv4/test-lab.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { tcpTable } from '../../kernel/socket/tcp.js';
import { udpTable } from '../../kernel/socket/udp.js';

/** The Lab's sysctl stub answers "0"; probes need the port range and the SYN options. */
function realSysctls(lab: Lab): Lab {
  for (const host of lab.hosts.values()) {
    const stub = host.ns.sysctl.get;
    host.ns.sysctl.get = (key) =>
      key === 'net.ipv4.ip_local_port_range'
        ? '32768\t60999'
        : key.startsWith('net.ipv4.tcp_')
          ? '1'
          : stub(key);
  }
  return lab;
}

/** h1 -- r -- h2; round trips are the fixed 0.050 ms of a zero-latency link. */
async function trace(args: string[], setup?: (lab: Lab) => void) {
  const lab = realSysctls(Lab.router());
  setup?.(lab);
  const out = await runTool(lab.world, ['traceroute', ...args], { netns: lab.host('h1').ns });
  return { ...out, lab };
}

const HEADER = 'traceroute to 192.168.20.2 (192.168.20.2), 30 hops max, 60 byte packets';

describe('traceroute', () => {
  it('traces with UDP probes: the router, then the target by its port unreachable', async () => {
    const { stdout, status, lab } = await trace(['192.168.20.2']);
    expect(status).toBe(0);
    expect(stdout).toBe(
      `${HEADER}\n` +
        ' 1  192.168.10.1 (192.168.10.1)  0.050 ms  0.050 ms  0.050 ms\n' +
        ' 2  192.168.20.2 (192.168.20.2)  0.050 ms  0.050 ms  0.050 ms\n',
    );
    // Every probe socket is closed at the end.
    expect(udpTable(lab.host('h1').ns).sockets.size).toBe(0);
  });

  it('prints addresses only with -n and one probe a hop with -q 1', async () => {
    const { stdout } = await trace(['-n', '-q', '1', '192.168.20.2']);
    expect(stdout).toBe(`${HEADER}\n 1  192.168.10.1  0.050 ms\n 2  192.168.20.2  0.050 ms\n`);
  });

  it('traces with ICMP echo requests (-I)', async () => {
    const { stdout } = await trace(['-I', '-n', '-q', '2', '192.168.20.2']);
    expect(stdout).toBe(
      `${HEADER}\n 1  192.168.10.1  0.050 ms  0.050 ms\n 2  192.168.20.2  0.050 ms  0.050 ms\n`,
    );
  });

  it('traces with TCP SYNs (-T): a listening port answers, and the port holders are released', async () => {
    const { stdout, lab } = await trace(['-T', '-n', '-q', '1', '-p', '8080', '192.168.20.2'], (lab) => {
      const listener = new TcpSocket(lab.host('h2').ns);
      listener.bind(0, 8080);
      listener.listen(5);
    });
    expect(stdout).toBe(`${HEADER}\n 1  192.168.10.1  0.050 ms\n 2  192.168.20.2  0.050 ms\n`);
    expect(tcpTable(lab.host('h1').ns).sockets.size).toBe(0);
  });

  it('shows stars where nothing answers and stops at -m (a blackhole route drops before the TTL check)', async () => {
    const { stdout } = await trace(['-n', '-q', '1', '-m', '3', '-w', '0.5', '10.9.9.9'], (lab) =>
      lab.host('r').route('10.9.0.0/16', { type: 'blackhole' }),
    );
    expect(stdout).toBe(
      'traceroute to 10.9.9.9 (10.9.9.9), 3 hops max, 60 byte packets\n 1  *\n 2  *\n 3  *\n',
    );
  });

  it('annotates unreachable errors: !H from an unreachable route', async () => {
    const { stdout } = await trace(['-n', '-q', '1', '10.9.9.9'], (lab) =>
      lab.host('r').route('10.9.0.0/16', { type: 'unreachable' }),
    );
    expect(stdout).toBe(
      'traceroute to 10.9.9.9 (10.9.9.9), 30 hops max, 60 byte packets\n 1  192.168.10.1  0.050 ms !H\n',
    );
  });

  it('fails like connect() when there is no route: header without newline, exit 1', async () => {
    const lab = new Lab();
    lab.host('h1');
    realSysctls(lab);
    const udp = await runTool(lab.world, ['traceroute', '1.2.3.4'], { netns: lab.host('h1').ns });
    expect(udp).toEqual({
      stdout: 'traceroute to 1.2.3.4 (1.2.3.4), 30 hops max, 60 byte packets',
      stderr: '\nconnect: Network is unreachable\n',
      status: 1,
    });
    const icmp = await runTool(lab.world, ['traceroute', '-I', '1.2.3.4'], { netns: lab.host('h1').ns });
    expect(icmp).toEqual({ stdout: '', stderr: '\nconnect: Network is unreachable\n', status: 1 });
  });

  it('reports unknown hosts as libclif does', async () => {
    const { stderr, status } = await trace(['-n', 'nosuch.invalid']);
    expect(status).toBe(2);
    expect(stderr).toBe(
      'nosuch.invalid: Temporary failure in name resolution\n' +
        'Cannot handle "host" cmdline arg `nosuch.invalid\' on position 1 (argc 2)\n',
    );
  });
});
