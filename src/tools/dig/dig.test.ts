import { describe, expect, it } from 'vitest';
import { runTestScript } from '../../shell/testing.js';
import { parseDigArgs } from './args.js';
import { formatQuestion, formatRecord } from './format.js';
import { RRTYPE } from '../../net/dns/types.js';

const SETUP = `ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.53/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
`;

const run = (script: string) => runTestScript(SETUP + script);

const SERVER = `ip netns exec b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.0.0.53 --bind-interfaces \\
  --host-record=api.example.test,10.0.0.10 --cname=www.example.test,api.example.test 2>/dev/null &
until ip netns exec a dig +short +timeout=1 +tries=1 @10.0.0.53 api.example.test >/dev/null 2>&1; do sleep 0.05; done
`;

describe('dig against the emulated dnsmasq', () => {
  it('+short prints the CNAME chain then the address', async () => {
    const r = await run(
      `${SERVER}ip netns exec a dig @10.0.0.53 www.example.test +short; echo $?\nkill %1; wait\n`,
    );
    expect(r.stdout).toBe('api.example.test.\n10.0.0.10\n0\n');
  });

  it('the full answer has the header, the OPT pseudosection and the message size dnsmasq sends', async () => {
    const r = await run(`${SERVER}ip netns exec a dig @10.0.0.53 api.example.test\nkill %1; wait\n`);
    expect(r.stdout).toContain(';; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n');
    expect(r.stdout).toContain(';; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n');
    expect(r.stdout).toContain(';; SERVER: 10.0.0.53#53(10.0.0.53) (UDP)\n');
    expect(r.stdout).toContain(';; MSG SIZE  rcvd: 61\n');
  });

  it('a closed port is refused on every try, then exit 9', async () => {
    const r = await run('ip netns exec a dig @10.0.0.53 -p 5353 x.test +tries=2 +short; echo $?\n');
    expect(r.stdout).toBe(
      ';; communications error to 10.0.0.53#5353: connection refused\n'.repeat(2) +
        '\n; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @10.0.0.53 -p 5353 x.test +tries=2 +short\n' +
        '; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n9\n',
    );
  });

  it('a dropped query times out after +timeout seconds of virtual time', async () => {
    const r = await run(
      'ip netns exec b iptables -A INPUT -p udp -j DROP\nip netns exec a dig @10.0.0.53 +noall +timeout=2 +tries=1 x.test; echo $?\n',
    );
    expect(r.stdout).toBe(
      ';; communications error to 10.0.0.53#53: timed out\n;; no servers could be reached\n9\n',
    );
  });
});

describe('dig presentation', () => {
  it.each([
    ['api.example.test', 'api.example.test.\t0\tIN\tA\t10.0.0.10'],
    ['web', 'web.\t\t\t0\tIN\tA\t10.0.0.10'],
    ['_http._tcp.example.test', '_http._tcp.example.test. 0\tIN\tA\t10.0.0.10'],
  ])('aligns %s on the TTL column as masterdump does', (name, line) => {
    expect(
      formatRecord({ name, type: RRTYPE.A, class: 1, ttl: 0, data: { kind: 'a', address: 0x0a00000a } }),
    ).toBe(line);
  });

  it('leaves the ; of a question outside the columns', () => {
    expect(formatQuestion({ name: '10.0.0.10.in-addr.arpa', type: RRTYPE.PTR, class: 1 })).toBe(
      ';10.0.0.10.in-addr.arpa.\t\tIN\tPTR',
    );
  });

  it.each([
    [['-x', '10.0.0.10'], { name: '10.0.0.10.in-addr.arpa', type: RRTYPE.PTR }],
    [['x.test', 'SRV'], { name: 'x.test', type: RRTYPE.SRV }],
    [['-t', 'AAAA', 'x.test'], { name: 'x.test', type: RRTYPE.AAAA }],
  ])('parses %j into one lookup', (argv, lookup) => {
    const r = parseDigArgs(argv);
    expect(r.ok && r.options.lookups).toMatchObject([lookup]);
  });

  it('rejects an unknown +option with usage and status 1', () => {
    expect(parseDigArgs(['+foo'])).toMatchObject({ ok: false, status: 1 });
  });
});
