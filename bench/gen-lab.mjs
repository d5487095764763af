// Generates a large lab script: NAMESPACES namespaces joined in a ring-like
// mesh by PAIRS veth pairs, a /30 on each pair with an address on both ends,
// every link up. `node bench/gen-lab.mjs [NAMESPACES PAIRS] > lab.sh` prints it.
import { fileURLToPath } from 'node:url';

/** 10.0.0.0/8 carved into /30s: pair k gets 10.a.b.c+1 and +2. */
function pairAddresses(k) {
  const base = (10 << 24) + k * 4;
  const dotted = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  return [`${dotted(base + 1)}/30`, `${dotted(base + 2)}/30`];
}

export function generateLab({ namespaces = 200, pairs = 400 } = {}) {
  const lines = [`# Generated: ${namespaces} namespaces, ${pairs} veth pairs.`];
  for (let i = 0; i < namespaces; i++) lines.push(`ip netns add n${i}`);
  for (let i = 0; i < namespaces; i++) lines.push(`ip -n n${i} link set lo up`);
  for (let k = 0; k < pairs; k++) {
    // Pair k joins n(a) to n(b) with a stride that grows every round of the ring, so no pair repeats.
    const a = k % namespaces;
    const b = (a + 1 + Math.floor(k / namespaces)) % namespaces;
    const [addrA, addrB] = pairAddresses(k);
    lines.push(
      `ip link add v${k}a netns n${a} type veth peer name v${k}b netns n${b}`,
      `ip -n n${a} addr add ${addrA} dev v${k}a`,
      `ip -n n${b} addr add ${addrB} dev v${k}b`,
      `ip -n n${a} link set v${k}a up`,
      `ip -n n${b} link set v${k}b up`,
    );
  }
  lines.push(`ip -n n${namespaces - 1} route show`);
  return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [namespaces, pairs] = process.argv.slice(2).map(Number);
  process.stdout.write(generateLab({ namespaces: namespaces || 200, pairs: pairs || 400 }));
}
