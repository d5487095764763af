import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../kernel/world.js';
import type { Link } from '../kernel/link/link.js';
import { openWorldTap } from '../kernel/capture/tap.js';
import { emitPcapHeader, emitPcapRecord, LINKTYPE_ETHERNET } from '../net/pcap.js';
import { libpcapSkips, linkBytes } from '../tools/tcpdump/link-bytes.js';

/** `--pcap DIR` as the next option before SCRIPT (removed from args). */
export function takePcapDir(args: string[]): string | undefined {
  return args[0] === '--pcap' ? args.splice(0, 2)[1] : undefined;
}

/** The file a device's capture goes to: `NETNS-DEV.pcap`, `root` for the initial namespace. */
export const pcapFileName = (link: Link): string => `${link.netns.name ?? 'root'}-${link.name}.pcap`;

/**
 * `podpath run --pcap DIR`: what `tcpdump -i DEV -w` on every device of
 * every namespace would record, one file per device, written when the
 * run ends. Returns the function that writes them.
 */
export function capturePcapDir(world: World, dir: string): () => void {
  const files = new Map<Link, { name: string; chunks: Uint8Array[] }>();
  const close = openWorldTap(world, (c) => {
    if (libpcapSkips(c)) return;
    let file = files.get(c.link);
    if (!file)
      files.set(c.link, (file = { name: pcapFileName(c.link), chunks: [emitPcapHeader(LINKTYPE_ETHERNET)] }));
    const bytes = linkBytes(c, false);
    file.chunks.push(emitPcapRecord({ timeUs: Math.round(c.time * 1000), bytes, origLen: bytes.length }));
  });
  return () => {
    close();
    mkdirSync(dir, { recursive: true });
    for (const { name, chunks } of files.values()) writeFileSync(join(dir, name), Buffer.concat(chunks));
  };
}
