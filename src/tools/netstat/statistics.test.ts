import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statistics } from './statistics.js';
import type { StatFlags } from './statistics.js';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';

/**
 * testdata/NS.snmp and NS.netstat are /proc/net/snmp and /proc/net/netstat
 * of two namespaces on Linux 6.18 after pings, a closed UDP port, a refused
 * and a retransmitting TCP connection; NS.s*.txt is what net-tools 2.10's
 * `netstat -s` (-t, -u, -w) printed from them.
 */
const data = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url), 'utf8');
const ALL: StatFlags = { raw: true, tcp: true, udp: true, sctp: true };
const ONLY = (f: Partial<StatFlags>): StatFlags => ({
  raw: false,
  tcp: false,
  udp: false,
  sctp: false,
  ...f,
});

describe('netstat -s (statistics.c)', () => {
  it.each([
    ['a', '', ALL],
    ['a', 't', ONLY({ tcp: true })],
    ['a', 'u', ONLY({ udp: true })],
    ['a', 'w', ONLY({ raw: true })],
    ['b', '', ALL],
    ['b', 't', ONLY({ tcp: true })],
    ['b', 'u', ONLY({ udp: true })],
    ['b', 'w', ONLY({ raw: true })],
  ])('prints namespace %s with -s%s as net-tools does from the same counters', (ns, opt, flags) => {
    expect(statistics(data(`${ns}.snmp`), data(`${ns}.netstat`), flags)).toBe(data(`${ns}.s${opt}.txt`));
  });

  it('misses names bsearch cannot find in an unsorted table and prints them raw', () => {
    const snmp = 'Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 3\n';
    const netstat = 'TcpExt: TW TWKilled TCPLoss\nTcpExt: 2 1 0\n';
    expect(statistics(snmp, netstat, ALL)).toBe(
      'Ip:\n' +
        '    Forwarding: 1\n' +
        '    3 total packets received\n' +
        'TcpExt:\n' +
        '    2 TCP sockets finished time wait in fast timer\n' +
        '    TWKilled: 1\n',
    );
  });
});

describe('netstat -s options', () => {
  const run = async (...args: string[]) => {
    const w = new World();
    const netns = w.createNetns('a');
    return runTool(w, ['netstat', ...args], { netns });
  };

  it('refuses a second mode, another family and an unknown one as net-tools does', async () => {
    expect((await run('-s', '-r')).status).toBe(3);
    expect((await run('-ss')).status).toBe(3);
    expect(await run('-s', '-x')).toMatchObject({
      status: 1,
      stdout: 'netstat: No statistics support for specified address family: unix\n',
    });
    expect((await run('-s', '-4', '-A', 'inet,unix')).stdout).toBe(
      'netstat: No statistics support for specified address family: inet,inet,unix\n',
    );
    expect(await run('-s', '-A', 'bogus')).toMatchObject({
      status: 1,
      stderr: "Unknown address family `bogus'.\n",
    });
  });

  it('prints the counters of a fresh namespace, all tables or TCP only', async () => {
    const all = await run('-s');
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Ip:\n {4}Forwarding: 2\n {4}0 total packets received\n/);
    expect(all.stdout).toContain('UdpLite:\nTcpExt:\n    0 packet headers predicted\nIpExt:\nMPTcpExt:\n');
    const tcp = await run('-s', '-t');
    expect(tcp.stdout).toMatch(/^Tcp:\n/);
    expect(tcp.stdout).not.toContain('Udp:');
  });
});
