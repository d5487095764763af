import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from './registry.js';
import { runTool } from './testing.js';
import { Lab } from '../kernel/ipv4/test-lab.js';

const norm = (s: string) =>
  s
    .replace(/time=[\d.]+ ms/g, 'time=X ms')
    .replace(/time \d+ms/g, 'time Nms')
    .replace(/rtt .*/g, 'rtt');

// Loading a tool takes host ticks the virtual clock cannot see.
beforeAll(async () => void (await findCommand('ping')));

describe('ping end to end', () => {
  it('pings lo', async () => {
    const lab = new Lab();
    const h = lab.host('h');
    const r = await runTool(lab.world, ['ping', '-c', '2', '-i', '0.2', '127.0.0.1'], { netns: h.ns });
    expect(norm(r.stdout)).toBe(`PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=X ms
64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=X ms

--- 127.0.0.1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time Nms
rtt
`);
    expect(r.status).toBe(0);
  });

  it('crosses the router with ttl 63', async () => {
    const lab = Lab.router();
    const r = await runTool(lab.world, ['ping', '-c', '1', '192.168.20.2'], { netns: lab.host('h1').ns });
    expect(r.stdout).toContain('64 bytes from 192.168.20.2: icmp_seq=1 ttl=63');
    expect(r.status).toBe(0);
  });

  it('gets nothing back when the router does not forward', async () => {
    const lab = Lab.router(false);
    const r = await runTool(lab.world, ['ping', '-c', '1', '-W', '1', '192.168.20.2'], {
      netns: lab.host('h1').ns,
    });
    expect(norm(r.stdout)).toBe(`PING 192.168.20.2 (192.168.20.2) 56(84) bytes of data.

--- 192.168.20.2 ping statistics ---
1 packets transmitted, 0 received, 100% packet loss, time Nms

`);
    expect(r.status).toBe(1);
  });

  it('reports time exceeded from the router with -t 1', async () => {
    const lab = Lab.router();
    const r = await runTool(lab.world, ['ping', '-c', '2', '-i', '0.1', '-t', '1', '192.168.20.2'], {
      netns: lab.host('h1').ns,
    });
    expect(norm(r.stdout)).toBe(`PING 192.168.20.2 (192.168.20.2) 56(84) bytes of data.
From 192.168.10.1 icmp_seq=1 Time to live exceeded
From 192.168.10.1 icmp_seq=2 Time to live exceeded

--- 192.168.20.2 ping statistics ---
2 packets transmitted, 0 received, +2 errors, 100% packet loss, time Nms

`);
  });

  it('reports net unreachable from the router', async () => {
    const lab = Lab.router();
    const r = await runTool(lab.world, ['ping', '-c', '1', '-W', '1', '10.9.9.9'], {
      netns: lab.host('h1').ns,
    });
    expect(r.stdout).toContain('From 192.168.10.1 icmp_seq=1 Destination Net Unreachable\n');
  });

  it('reports host unreachable after ARP fails', async () => {
    const lab = Lab.router();
    const r = await runTool(lab.world, ['ping', '-c', '1', '-W', '5', '192.168.10.77'], {
      netns: lab.host('h1').ns,
    });
    expect(r.stdout).toContain('From 192.168.10.2 icmp_seq=1 Destination Host Unreachable\n');
    expect(r.stdout).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    const far = await runTool(lab.world, ['ping', '-c', '1', '-W', '5', '192.168.20.77'], {
      netns: lab.host('h1').ns,
    });
    expect(far.stdout).toContain('From 192.168.10.1 icmp_seq=1 Destination Host Unreachable\n');
  });

  it('fails to connect without a route', async () => {
    const lab = new Lab();
    const r = await runTool(lab.world, ['ping', '-c', '1', '10.0.0.1'], { netns: lab.host('h').ns });
    expect(r).toEqual({ stdout: '', stderr: 'ping: connect: Network is unreachable\n', status: 2 });
  });
});

describe('redirects', () => {
  it('sends one redirect and the host then uses the better next hop', async () => {
    const lab = new Lab();
    const [h1e, re, h2e] = lab.segment(['h1', 'eth0'], ['r', 'eth0'], ['h2', 'eth0']);
    const h1 = lab.host('h1');
    const r = lab.host('r');
    const h2 = lab.host('h2');
    h1.addAddr(h1e, '10.0.0.1/24');
    r.addAddr(re, '10.0.0.254/24');
    h2.addAddr(h2e, '10.0.0.2/24');
    h2.addAddr(h2.ns.linkByName('lo')!, '10.9.0.1/32');
    r.route('10.9.0.0/24', { via: '10.0.0.2' });
    h1.route('default', { via: '10.0.0.254' });
    r.set('net.ipv4.ip_forward', 1);
    const out = await runTool(lab.world, ['ping', '-c', '3', '-i', '0.1', '10.9.0.1'], { netns: h1.ns });
    expect(norm(out.stdout)).toBe(`PING 10.9.0.1 (10.9.0.1) 56(84) bytes of data.
From 10.0.0.254: icmp_seq=1 Redirect Host(New nexthop: 10.0.0.2)
64 bytes from 10.9.0.1: icmp_seq=1 ttl=64 time=X ms
64 bytes from 10.9.0.1: icmp_seq=2 ttl=64 time=X ms
64 bytes from 10.9.0.1: icmp_seq=3 ttl=64 time=X ms

--- 10.9.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time Nms
rtt
`);
    expect(h1.ns.ipv4.exceptions.get(0x0a090001)?.gateway).toBe(0x0a000002);
  });
});

describe('connect errors by route type', () => {
  const cases = [
    { name: 'unreachable', dst: '10.1.0.1', stderr: 'ping: connect: No route to host\n' },
    {
      name: 'prohibit',
      dst: '10.2.0.1',
      stderr: 'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n',
    },
    { name: 'blackhole', dst: '10.3.0.1', stderr: 'ping: connect: Invalid argument\n' },
    { name: 'no route', dst: '10.5.0.1', stderr: 'ping: connect: Network is unreachable\n' },
  ];
  it.each(cases)('$name', async ({ dst, stderr }) => {
    const lab = new Lab();
    const h = lab.host('a');
    h.route('10.1.0.0/16', { type: 'unreachable' });
    h.route('10.2.0.0/16', { type: 'prohibit' });
    h.route('10.3.0.0/16', { type: 'blackhole' });
    expect(await runTool(lab.world, ['ping', '-c', '1', '-W', '1', dst], { netns: h.ns })).toEqual({
      stdout: '',
      stderr,
      status: 2,
    });
  });
});

describe('router answers for routes it cannot use', () => {
  it('host unreachable, packet filtered, silence for blackhole, net unreachable', async () => {
    const lab = Lab.router();
    const r = lab.host('r');
    r.route('10.1.0.0/16', { type: 'unreachable' });
    r.route('10.2.0.0/16', { type: 'prohibit' });
    r.route('10.3.0.0/16', { type: 'blackhole' });
    const got: string[] = [];
    for (const dst of ['10.1.0.1', '10.2.0.1', '10.3.0.1', '10.9.9.9']) {
      const out = await runTool(lab.world, ['ping', '-c', '1', '-W', '1', dst], { netns: lab.host('h1').ns });
      got.push(out.stdout.split('\n').find((l) => l.startsWith('From')) ?? 'none');
    }
    expect(got).toEqual([
      'From 192.168.10.1 icmp_seq=1 Destination Host Unreachable',
      'From 192.168.10.1 icmp_seq=1 Packet filtered',
      'none',
      'From 192.168.10.1 icmp_seq=1 Destination Net Unreachable',
    ]);
  });
});

describe('broadcast and ignored echoes', () => {
  function pair() {
    const lab = new Lab();
    const [va, vb] = lab.wire('a', 'va', 'b', 'vb');
    lab.host('a').addAddr(va, '10.0.0.1/24');
    lab.host('b').addAddr(vb, '10.0.0.2/24');
    return lab;
  }

  it('refuses a broadcast without -b', async () => {
    const lab = pair();
    const out = await runTool(lab.world, ['ping', '-c', '1', '10.0.0.255'], { netns: lab.host('a').ns });
    expect(out.stderr).toBe(
      'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n',
    );
    expect(out.status).toBe(2);
  });

  it('gets no answer to a broadcast by default, one when the peer allows it', async () => {
    const lab = pair();
    const a = lab.host('a').ns;
    const silent = await runTool(lab.world, ['ping', '-b', '-c', '1', '-W', '1', '10.0.0.255'], { netns: a });
    expect(silent.stderr).toBe('WARNING: pinging broadcast address\n');
    expect(silent.status).toBe(1);
    lab.host('b').set('net.ipv4.icmp_echo_ignore_broadcasts', 0);
    const answered = await runTool(lab.world, ['ping', '-b', '-c', '1', '-W', '1', '10.0.0.255'], {
      netns: a,
    });
    expect(answered.stdout).toContain('64 bytes from 10.0.0.2: icmp_seq=1 ttl=64');
  });

  it('honours icmp_echo_ignore_all', async () => {
    const lab = pair();
    lab.host('b').set('net.ipv4.icmp_echo_ignore_all', 1);
    const out = await runTool(lab.world, ['ping', '-c', '1', '-W', '1', '10.0.0.2'], {
      netns: lab.host('a').ns,
    });
    expect(out.status).toBe(1);
  });

  it('counts a reply from another address than the one pinged, flagged', async () => {
    // a DNATs 10.0.0.3 to b in OUTPUT, and the reply skips conntrack (NOTRACK): nothing un-NATs it.
    const lab = pair();
    const a = lab.host('a').ns;
    for (const rule of [
      ['-t', 'nat', '-A', 'OUTPUT', '-d', '10.0.0.3', '-j', 'DNAT', '--to-destination', '10.0.0.2'],
      ['-t', 'raw', '-A', 'PREROUTING', '-j', 'NOTRACK'],
    ])
      expect((await runTool(lab.world, ['iptables', ...rule], { netns: a })).status).toBe(0);
    const out = await runTool(lab.world, ['ping', '-c', '1', '10.0.0.3'], { netns: a });
    expect(out.stdout).toMatch(
      /^64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms \(DIFFERENT ADDRESS!\)$/m,
    );
    expect(out.status).toBe(0);
  });

  it('pings its own address through lo', async () => {
    const lab = pair();
    const out = await runTool(lab.world, ['ping', '-c', '1', '10.0.0.1'], { netns: lab.host('a').ns });
    expect(out.stdout).toContain('64 bytes from 10.0.0.1: icmp_seq=1 ttl=64');
  });

  it('stops at the deadline', async () => {
    const lab = pair();
    const out = await runTool(lab.world, ['ping', '-w', '1', '-i', '0.3', '10.0.0.2'], {
      netns: lab.host('a').ns,
    });
    expect(out.stdout).toContain('4 packets transmitted, 4 received, 0% packet loss');
    expect(out.status).toBe(0);
  });

  it('binds to a device and names it in the header', async () => {
    const lab = pair();
    const out = await runTool(lab.world, ['ping', '-c', '1', '-I', 'va', '10.0.0.2'], {
      netns: lab.host('a').ns,
    });
    expect(out.stdout.split('\n')[0]).toBe(
      'PING 10.0.0.2 (10.0.0.2) from 10.0.0.1 va: 56(84) bytes of data.',
    );
  });
});
