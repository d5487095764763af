import { describe, expect, test } from 'vitest';
import { parseIPv4 } from '../net/ipv4.js';
import type { RouteEvent } from '../kernel/trace/events.js';
import { traceCommand, traceSynthetic } from './session.js';
import { lab } from './testing.js';

/**
 * Host a with two addresses on va; a source rule sends what leaves from
 * 10.0.0.5 through table 100 (gateway 10.0.0.2), everything else through
 * main's default (gateway 10.0.0.3).
 */
const SOURCE_RULE = `
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n a addr add 10.0.0.5/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a route add default via 10.0.0.3
ip -n a route add default via 10.0.0.2 dev va table 100
ip -n a rule add pref 100 from 10.0.0.5 lookup 100
`;

const outputRoutes = (events: readonly { type: string }[]) =>
  events.filter((e): e is RouteEvent => e.type === 'route' && (e as RouteEvent).direction === 'output');

describe('trace: the output route names the policy rule the lookup used', () => {
  test('an explicit source (-s) selects the source rule, not main', async () => {
    const run = await traceSynthetic(lab(SOURCE_RULE), 'a', {
      proto: 'icmp',
      src: parseIPv4('10.0.0.5')!,
      dst: parseIPv4('192.0.2.9')!,
    });
    if ('error' in run) throw new Error(run.error);
    expect(outputRoutes(run.events)[0]).toMatchObject({
      gateway: '10.0.0.2',
      rule: { pref: 100, table: 100 },
      table: 100,
      route: 'default',
      src: '10.0.0.5',
    });
  });

  test('without a source the main rule answers', async () => {
    const run = await traceSynthetic(lab(SOURCE_RULE), 'a', { proto: 'icmp', dst: parseIPv4('192.0.2.9')! });
    if ('error' in run) throw new Error(run.error);
    expect(outputRoutes(run.events)[0]).toMatchObject({
      gateway: '10.0.0.3',
      rule: { pref: 32766, table: 254 },
      table: 254,
      src: '10.0.0.1',
    });
  });

  test('a socket bound to the address (ping -I ADDR) under run --trace', async () => {
    const run = await traceCommand(lab(SOURCE_RULE), 'ip netns exec a ping -c1 -W1 -I 10.0.0.5 192.0.2.9', {
      write: () => undefined,
    });
    expect(outputRoutes(run.events)[0]).toMatchObject({
      gateway: '10.0.0.2',
      rule: { pref: 100, table: 100 },
      src: '10.0.0.5',
    });
  });
});
