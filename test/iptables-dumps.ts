/**
 * Random valid iptables-save dumps (filter table, counters on), shared by
 * the podpath-only round trip (src/tools/iptables/roundtrip.test.ts) and
 * the differential one against the real tools
 * (test/conformance/restore-differential.test.ts).
 */
import fc from 'fast-check';

/**
 * Rule bodies already in iptables-save's canonical form (what 1.8.9 prints
 * back for them on the reference machine, checked there with samples of
 * this generator), so a restore then a save must reproduce the dump byte
 * for byte.
 */
const octet = fc.integer({ min: 0, max: 255 });
const host = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const network = fc
  .tuple(octet, fc.integer({ min: 1, max: 24 }))
  .map(([a, len]) => `${a & (0xff << Math.max(0, 8 - len)) & 0xff}.0.0.0/${len}`);
const bang = fc.constantFrom('', '! ');
const port = fc.integer({ min: 1, max: 65535 });
const iface = fc.constantFrom('eth0', 'veth1', 'br+', 'lo');

const addrPart = fc.oneof(
  fc.constant(''),
  fc.tuple(bang, host).map(([b, h]) => `${b}-s ${h}/32 `),
  fc.tuple(bang, network).map(([b, n]) => `${b}-d ${n} `),
);
const ifacePart = fc.oneof(
  fc.constant(''),
  fc.tuple(bang, iface).map(([b, i]) => `${b}-i ${i} `),
);
const protoPart = fc.oneof(
  fc.constant(''),
  fc.tuple(bang, port).map(([b, p]) => `-p tcp -m tcp ${b}--dport ${p} `),
  fc
    .tuple(port, port)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => `-p udp -m udp --sport ${Math.min(a, b)}:${Math.max(a, b)} `),
  fc.constantFrom(
    '-p icmp -m icmp --icmp-type 8 ',
    '-p icmp -m icmp --icmp-type 3/3 ',
    '-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN ',
    '-p tcp -m multiport --dports 80,443 ',
    '-p sctp ',
  ),
);
const matchPart = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 0xffff }).map((m) => `-m mark --mark 0x${m.toString(16)} `),
  fc.constantFrom(
    '-m conntrack --ctstate RELATED,ESTABLISHED ',
    '-m state --state NEW ',
    '-m comment --comment "a b" ',
    '-m comment --comment plain ',
    '-m limit --limit 5/min ',
    '-m pkttype --pkt-type broadcast ',
    '-m length --length 100:200 ',
    '-m addrtype --dst-type LOCAL ',
  ),
);
const verdict = fc.constantFrom(
  '-j ACCEPT',
  '-j DROP',
  '-j RETURN',
  '-j LOG --log-prefix "x: "',
  '-j REJECT --reject-with icmp-host-prohibited',
  '-j USER1',
  '-g USER2',
);
const ruleBody = fc
  .tuple(addrPart, ifacePart, protoPart, matchPart, verdict)
  .map((parts) => parts.join(''))
  .filter((r) => !(r.includes('--tcp-flags') && r.includes('-j REJECT')));
const chainRules = fc.array(ruleBody, { maxLength: 4 });

const counters = fc.tuple(fc.nat(1000), fc.nat(100000)).map(([p, b]) => `[${p}:${b}]`);

const filterBlock = fc
  .record({
    input: fc.constantFrom('ACCEPT', 'DROP'),
    forward: fc.constantFrom('ACCEPT', 'DROP'),
    policyCounters: counters,
    ruleCounters: counters,
    rules: fc.record({ INPUT: chainRules, FORWARD: chainRules, OUTPUT: chainRules, USER1: chainRules }),
  })
  .map(({ input, forward, policyCounters, ruleCounters, rules }) => {
    let s = '*filter\n';
    s += `:INPUT ${input} ${policyCounters}\n:FORWARD ${forward} [0:0]\n:OUTPUT ACCEPT [0:0]\n`;
    s += ':USER1 - [0:0]\n:USER2 - [0:0]\n';
    for (const [chain, list] of Object.entries(rules))
      for (const r of list) {
        // OUTPUT cannot name an input interface, and a chain must not jump to itself.
        const body = chain === 'OUTPUT' ? r.replace(/(! )?-i \S+ /, '') : r;
        if (chain === 'USER1' && / -[jg] USER1$/.test(` ${body}`)) continue;
        s += `${ruleCounters} -A ${chain} ${body}\n`;
      }
    return `${s}COMMIT\n`;
  });

/** A unicast host for NAT targets (no 0 or 255 octets, which would read as special). */
const natHost = fc.tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 1, max: 254 }))).map((o) => o.join('.'));
const natRules = fc.record({
  PREROUTING: fc.array(
    fc
      .tuple(port, natHost, port)
      .map(([p, h, q]) => `-p tcp -m tcp --dport ${p} -j DNAT --to-destination ${h}:${q}`),
    { maxLength: 3 },
  ),
  OUTPUT: fc.array(
    port.map((p) => `-p udp -m udp --dport ${p} -j REDIRECT --to-ports ${p}`),
    { maxLength: 2 },
  ),
  POSTROUTING: fc.array(
    fc.oneof(
      network.map((n) => `-s ${n} -j MASQUERADE`),
      fc.tuple(iface, natHost).map(([i, h]) => `-o ${i} -j SNAT --to-source ${h}`),
    ),
    { maxLength: 3 },
  ),
});
const natBlock = fc.tuple(natRules, counters).map(([rules, c]) => {
  let s =
    '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n';
  for (const [chain, list] of Object.entries(rules)) for (const r of list) s += `${c} -A ${chain} ${r}\n`;
  return `${s}COMMIT\n`;
});

const mangleRule = fc.oneof(
  fc.integer({ min: 1, max: 0xffff }).map((m) => `-j MARK --set-xmark 0x${m.toString(16)}/0xffffffff`),
  fc.constant('-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff'),
  fc.integer({ min: 1, max: 255 }).map((t) => `-j TTL --ttl-set ${t}`),
);
const mangleBlock = fc
  .tuple(fc.array(mangleRule, { minLength: 1, maxLength: 3 }), counters)
  .map(([rules, c]) => {
    let s = '*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n';
    s += ':OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n';
    for (const r of rules) s += `${c} -A PREROUTING ${r}\n`;
    return `${s}COMMIT\n`;
  });

/** A whole dump: mangle and nat blocks sometimes, filter always, in iptables-save's table order. */
export const dump: fc.Arbitrary<string> = fc
  .tuple(fc.option(mangleBlock), filterBlock, fc.option(natBlock))
  .map(([mangle, filter, nat]) => `${mangle ?? ''}${filter}${nat ?? ''}`);
