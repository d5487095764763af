import type { Command } from './process.js';

/**
 * The programs on the emulated machine's PATH. Loaded lazily so a lab
 * script pays only for the tools it runs (cold start matters).
 */
const loaders: Record<string, () => Promise<Command>> = {
  ip: async () => (await import('./ip/main.js')).ip,
  sysctl: async () => (await import('./sysctl.js')).sysctl,
  ping: async () => (await import('./ping.js')).ping,
  bridge: async () => (await import('./bridge.js')).bridge,
  dmesg: async () => (await import('./dmesg.js')).dmesg,
  iptables: async () => (await import('./iptables/main.js')).iptables,
  'iptables-nft': async () => (await import('./iptables/main.js')).iptables,
  'iptables-save': async () => (await import('./iptables/save.js')).iptablesSave,
  'iptables-nft-save': async () => (await import('./iptables/save.js')).iptablesSave,
  'iptables-restore': async () => (await import('./iptables/restore.js')).iptablesRestore,
  'iptables-nft-restore': async () => (await import('./iptables/restore.js')).iptablesRestore,
  conntrack: async () => (await import('./conntrack/main.js')).conntrack,
  'xtables-monitor': async () => (await import('./xtables-monitor/main.js')).xtablesMonitor,
  timeout: async () => (await import('./timeout.js')).timeout,
  ipset: async () => (await import('./ipset/main.js')).ipset,
  grep: async () => (await import('./text/grep.js')).grep,
  awk: async () => (await import('./text/awk.js')).awk,
  sed: async () => (await import('./text/sed.js')).sed,
  sort: async () => (await import('./text/sort.js')).sort,
  uniq: async () => (await import('./text/uniq.js')).uniq,
  wc: async () => (await import('./text/wc.js')).wc,
  head: async () => (await import('./text/head.js')).head,
  tail: async () => (await import('./text/tail.js')).tail,
  cut: async () => (await import('./text/cut.js')).cut,
  tr: async () => (await import('./text/tr.js')).tr,
  cat: async () => (await import('./text/cat.js')).cat,
  seq: async () => (await import('./text/seq.js')).seq,
  mkdir: async () => (await import('./files/mkdir.js')).mkdir,
  rm: async () => (await import('./files/rm.js')).rm,
  ls: async () => (await import('./files/ls.js')).ls,
  touch: async () => (await import('./files/touch.js')).touch,
  tee: async () => (await import('./files/tee.js')).tee,
  basename: async () => (await import('./files/path-names.js')).basename,
  dirname: async () => (await import('./files/path-names.js')).dirname,
  id: async () => (await import('./id.js')).id,
  xargs: async () => (await import('./xargs.js')).xargs,
  env: async () => (await import('./env.js')).env,
  whoami: async () => (await import('./id.js')).whoami,
  nc: async () => (await import('./nc/main.js')).nc,
  dig: async () => (await import('./dig/main.js')).dig,
  dnsmasq: async () => (await import('./dnsmasq/main.js')).dnsmasq,
  curl: async () => (await import('./curl/main.js')).curl,
  python3: async () => (await import('./python3/main.js')).python3,
  ss: async () => (await import('./ss/main.js')).ss,
  netstat: async () => (await import('./netstat/main.js')).netstat,
  tcpdump: async () => (await import('./tcpdump/main.js')).tcpdump,
  traceroute: async () => (await import('./traceroute/main.js')).traceroute,
  kubectl: async () => (await import('./kubectl/main.js')).kubectl,
};

const cache = new Map<string, Command>();

const loading = new Set<Promise<unknown>>();

/** The command for a name as PATH lookup would find it, or undefined ("command not found"). */
export async function findCommand(name: string): Promise<Command | undefined> {
  const cached = cache.get(name);
  if (cached) return cached;
  const load = loaders[name];
  if (!load) return undefined;
  const pending = load();
  loading.add(pending);
  try {
    const command = await pending;
    cache.set(name, command);
    return command;
  } finally {
    loading.delete(pending);
  }
}

/**
 * Module loads in flight, whoever started them. They are host work at one
 * instant of virtual time: drivers of the clock settle them before moving
 * it, or a program would start after the events it was run to see.
 */
export const commandsLoading = (): readonly Promise<unknown>[] => [...loading];

export const commandNames = (): string[] => Object.keys(loaders);
