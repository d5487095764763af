import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runScript } from '../../shell/run.js';
import { capturePcapDir } from '../../cli/pcap-dir.js';
import { fromLatin1 } from './main.js';

const hostYield = () => new Promise<void>((r) => setImmediate(r));

const LAB = `
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a tcpdump -i va -c 4 -w ping.pcap 2> /dev/null &
sleep 0.1
ip netns exec a ping -c 1 -W 1 10.0.0.2 > /dev/null
wait
cat ping.pcap
`;

const haveTshark = spawnSync('tshark', ['--version']).status === 0;
if (!haveTshark)
  console.warn(
    '\n*** TSHARK MISSING: the pcap files podpath writes are NOT checked (apt-get install tshark) ***\n',
  );

async function runLab(world: World): Promise<string> {
  let stdout = '';
  await runScript({
    world,
    source: LAB,
    scriptName: 'lab.sh',
    args: [],
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: () => {} },
    cwd: process.cwd(),
    yieldToHost: hostYield,
  });
  return stdout;
}

const tshark = (file: string): string[] =>
  execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.protocols', '-e', '_ws.col.Info'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split('\n');

describe.skipIf(!haveTshark)('pcap files podpath writes open in Debian tshark', () => {
  it('tcpdump -w: ARP request and reply, ICMP echo request and reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-pcap-'));
    const file = join(dir, 'ping.pcap');
    writeFileSync(file, fromLatin1(await runLab(new World())));
    const lines = tshark(file);
    expect(lines.map((l) => l.split('\t')[0])).toEqual([
      'eth:ethertype:arp',
      'eth:ethertype:arp',
      'eth:ethertype:ip:icmp:data',
      'eth:ethertype:ip:icmp:data',
    ]);
    expect(lines[0]).toContain('Who has 10.0.0.2? Tell 10.0.0.1');
    expect(lines[2]).toContain('Echo (ping) request');
    expect(lines[3]).toContain('Echo (ping) reply');
    // With IP header checks on, both ICMP datagrams have good IP and ICMP checksums.
    const good = execFileSync(
      'tshark',
      [
        '-r',
        file,
        '-o',
        'ip.check_checksum:TRUE',
        '-Y',
        'ip.checksum.status == "Good" && icmp.checksum.status == "Good"',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    expect(good.trim().split('\n')).toHaveLength(2);
  });

  it('podpath run --pcap: one file per device, the same frames on both ends of the veth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-pcapdir-'));
    const world = new World();
    const write = capturePcapDir(world, dir);
    await runLab(world);
    write();
    const a = tshark(join(dir, 'a-va.pcap'));
    const b = tshark(join(dir, 'b-vb.pcap'));
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
    expect(readFileSync(join(dir, 'a-va.pcap')).readUInt32LE(0)).toBe(0xa1b2c3d4);
  });
});
