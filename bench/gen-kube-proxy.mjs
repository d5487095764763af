// Generates an iptables-save dump shaped like kube-proxy's iptables mode
// (pkg/proxy/iptables/proxier.go, syncProxyRules) for SERVICES services:
// the filter and nat tables with KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*,
// KUBE-EXT-*, KUBE-NODEPORTS, KUBE-MARK-MASQ, KUBE-POSTROUTING,
// KUBE-FORWARD, ... and upstream's hash-style chain names. The text is
// what `iptables-save` (1.8.9, nf_tables) prints for that ruleset, so a
// restore followed by a save gives it back (the bench checks that on both
// sides). Deterministic: the same SERVICES and SEED give the same bytes.
//
//   node bench/gen-kube-proxy.mjs [SERVICES [SEED]] > dump.rules
//
// 10,000 services give about 100,000 rules.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small seeded PRNG, so the dump never depends on the run. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding of the bytes, as Go encodes it (only the first 16 characters are used). */
function base32(bytes) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** portProtoHash / servicePortEndpointChainName: sha256, base32, first 16 characters. */
const hash16 = (text) => base32(createHash('sha256').update(text).digest()).slice(0, 16);

const dotted = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/**
 * --probability 1/n as iptables-save prints it: the kernel keeps
 * lround(p * 2^31) and the save prints that back with %.11f.
 */
const probability = (n) => (Math.round(0x80000000 / n) / 0x80000000).toFixed(11);

const NAMESPACES = ['default', 'kube-system', 'payments', 'checkout', 'search', 'catalog', 'auth', 'media'];
const PORTS = [
  ['http', 80],
  ['https', 443],
  ['http', 8080],
  ['grpc', 9090],
  ['metrics', 9100],
  ['db', 5432],
  ['cache', 6379],
  ['web', 3000],
];
/** Endpoints per service with any: 1..6 with these weights (mean 2.7). */
const ENDPOINT_WEIGHTS = [0.2, 0.3, 0.25, 0.15, 0.05, 0.05];
const MASQ_MARK = '0x4000/0x4000';
const CLUSTER_CIDR = '10.244.0.0/16';

function pickEndpoints(rand) {
  let r = rand();
  for (let k = 0; k < ENDPOINT_WEIGHTS.length; k++) {
    r -= ENDPOINT_WEIGHTS[k];
    if (r < 0) return k + 1;
  }
  return ENDPOINT_WEIGHTS.length;
}

/** The services: name, protocol, cluster IP, port, node port, endpoints, all from the seed. */
export function generateServices(count, seed = 1) {
  const rand = seededRandom(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const services = [];
  let pod = 0;
  let nodePort = 30000;
  for (let k = 0; k < count; k++) {
    const ns = pick(NAMESPACES);
    const [portName, port] = pick(PORTS);
    const protocol = rand() < 0.1 ? 'udp' : 'tcp';
    // A few services have no ready endpoint (REJECT in filter), some are NodePorts.
    const endpoints = [];
    const n = rand() < 0.03 ? 0 : pickEndpoints(rand);
    for (let e = 0; e < n; e++, pod++) {
      // Pods on /24 node CIDRs, .2 to .251.
      const ip = (10 << 24) | (244 << 16) | (Math.floor(pod / 250) << 8) | (2 + (pod % 250));
      endpoints.push(`${dotted(ip >>> 0)}:${port}`);
    }
    services.push({
      name: `${ns}/svc-${k}:${portName}`,
      protocol,
      clusterIP: dotted(((10 << 24) | (96 << 16)) + 10 + k),
      port,
      nodePort: rand() < 0.1 ? nodePort++ : 0,
      endpoints,
    });
  }
  return services;
}

const q = (text) => `"${text}"`;

/** Rules of one service, by chain, in kube-proxy's order (comments dropped past 1,000 endpoints, as upstream). */
function serviceRules(svc, chains, withComments) {
  const { name, protocol: p, clusterIP, port } = svc;
  const hash = hash16(name + p);
  const svcChain = `KUBE-SVC-${hash}`;
  const extChain = `KUBE-EXT-${hash}`;
  const comment = (text) => (withComments ? ` -m comment --comment ${q(text)}` : '');
  const dest = `-d ${clusterIP}/32 -p ${p}`;
  if (svc.endpoints.length === 0) {
    chains
      .filter('KUBE-SERVICES')
      .push(
        `${dest} -m comment --comment ${q(`${name} has no endpoints`)} -m ${p} --dport ${port} -j REJECT --reject-with icmp-port-unreachable`,
      );
    if (svc.nodePort)
      chains
        .filter('KUBE-EXTERNAL-SERVICES')
        .push(
          `-p ${p} -m comment --comment ${q(`${name} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${p} --dport ${svc.nodePort} -j REJECT --reject-with icmp-port-unreachable`,
        );
    return;
  }
  chains
    .nat('KUBE-SERVICES')
    .push(`${dest} -m comment --comment ${q(`${name} cluster IP`)} -m ${p} --dport ${port} -j ${svcChain}`);
  const svcRules = chains.nat(svcChain);
  svcRules.push(
    `! -s ${CLUSTER_CIDR} ${dest} -m comment --comment ${q(`${name} cluster IP`)} -m ${p} --dport ${port} -j KUBE-MARK-MASQ`,
  );
  const n = svc.endpoints.length;
  svc.endpoints.forEach((ep, i) => {
    const sep = `KUBE-SEP-${hash16(name + p + ep)}`;
    const stat = i < n - 1 ? ` -m statistic --mode random --probability ${probability(n - i)}` : '';
    svcRules.push(`${comment(`${name} -> ${ep}`).slice(1)}${stat} -j ${sep}`.trimStart());
    chains
      .nat(sep)
      .push(
        `-s ${ep.split(':')[0]}/32${comment(name)} -j KUBE-MARK-MASQ`,
        `-p ${p}${comment(name)} -m ${p} -j DNAT --to-destination ${ep}`,
      );
  });
  if (svc.nodePort) {
    chains
      .nat('KUBE-NODEPORTS')
      .push(`-p ${p} -m comment --comment ${q(name)} -m ${p} --dport ${svc.nodePort} -j ${extChain}`);
    chains
      .nat(extChain)
      .push(
        `-m comment --comment ${q(`masquerade traffic for ${name} external destinations`)} -j KUBE-MARK-MASQ`,
        `-j ${svcChain}`,
      );
  }
}

const FILTER_FIXED = {
  INPUT: [
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
    `-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS`,
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
    `-j KUBE-FIREWALL`,
  ],
  FORWARD: [
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
    `-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD`,
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
  ],
  OUTPUT: [
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
    `-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
    `-j KUBE-FIREWALL`,
  ],
  'KUBE-EXTERNAL-SERVICES': [],
  'KUBE-FIREWALL': [
    `! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
  ],
  'KUBE-FORWARD': [
    `-m conntrack --ctstate INVALID -j DROP`,
    `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${MASQ_MARK} -j ACCEPT`,
    `-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  ],
  'KUBE-KUBELET-CANARY': [],
  'KUBE-NODEPORTS': [],
  'KUBE-PROXY-CANARY': [],
  'KUBE-PROXY-FIREWALL': [],
  'KUBE-SERVICES': [],
};

const NAT_FIXED = {
  PREROUTING: [`-m comment --comment "kubernetes service portals" -j KUBE-SERVICES`],
  INPUT: [],
  OUTPUT: [`-m comment --comment "kubernetes service portals" -j KUBE-SERVICES`],
  POSTROUTING: [`-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING`],
  'KUBE-KUBELET-CANARY': [],
  'KUBE-MARK-MASQ': [`-j MARK --set-xmark ${MASQ_MARK}`],
  'KUBE-NODEPORTS': [],
  'KUBE-POSTROUTING': [
    `-m mark ! --mark ${MASQ_MARK} -j RETURN`,
    `-j MARK --set-xmark 0x4000/0x0`,
    `-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully`,
  ],
  'KUBE-PROXY-CANARY': [],
  'KUBE-SERVICES': [],
};

const BUILTINS = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** One table as iptables-nft-save prints it: built-ins in hook order, then user chains by name. */
function tableText(name, chains) {
  const builtins = BUILTINS.filter((c) => chains.has(c));
  const user = [...chains.keys()].filter((c) => !BUILTINS.includes(c)).sort(byName);
  const order = [...builtins, ...user];
  const lines = [`*${name}`];
  for (const c of order) lines.push(`:${c} ${BUILTINS.includes(c) ? 'ACCEPT' : '-'} [0:0]`);
  for (const c of order) for (const r of chains.get(c)) lines.push(`-A ${c} ${r}`);
  lines.push('COMMIT');
  return lines;
}

/**
 * The dump for SERVICES services. Returns the text and its rule count.
 * `date` fills the two comment lines (iptables-save's ctime), which every
 * comparison strips anyway.
 */
export function generateKubeProxyDump({
  services = 10_000,
  seed = 1,
  date = 'Thu Jan  1 00:00:00 1970',
} = {}) {
  const list = generateServices(services, seed);
  const filter = new Map(Object.entries(FILTER_FIXED).map(([k, v]) => [k, [...v]]));
  const nat = new Map(Object.entries(NAT_FIXED).map(([k, v]) => [k, [...v]]));
  const get = (table) => (chain) => {
    let rules = table.get(chain);
    if (!rules) table.set(chain, (rules = []));
    return rules;
  };
  const chains = { filter: get(filter), nat: get(nat) };
  // endpointChainsNumberThreshold: past 1,000 endpoint chains upstream drops per-endpoint comments.
  const withComments = list.reduce((n, s) => n + s.endpoints.length, 0) <= 1000;
  for (const svc of list) serviceRules(svc, chains, withComments);
  chains
    .nat('KUBE-SERVICES')
    .push(
      `-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`,
    );
  const head = `# Generated by iptables-save v1.8.9 (nf_tables) on ${date}`;
  const done = `# Completed on ${date}`;
  const lines = [head, ...tableText('filter', filter), done, head, ...tableText('nat', nat), done];
  const rules = lines.filter((l) => l.startsWith('-A ')).length;
  return { text: lines.join('\n') + '\n', rules };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [services, seed] = process.argv.slice(2).map(Number);
  const { text, rules } = generateKubeProxyDump({ services: services || 10_000, seed: seed || 1 });
  process.stdout.write(text);
  process.stderr.write(`${rules} rules\n`);
}
