import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { kernelLog } from '../../printk.js';
import { setNfLogAllNetns } from '../nf-log.js';
import { LOG, logLine } from './log.js';
import type { Link } from '../../link/link.js';
import { withNfBridge } from '../../bridge/nf-bridge-info.js';

const ip = (s: string) => parseIPv4(s)!;
const echo: Ipv4Packet = {
  src: ip('10.0.0.1'),
  dst: ip('10.0.0.2'),
  protocol: 1,
  ttl: 64,
  tos: 0,
  id: 4321,
  totalLength: 84,
  dontFragment: true,
  l4: { kind: 'icmp', type: 8, code: 0, id: 77, seq: 3 },
};
const ctx = (w: World, extra: Partial<NfCtx> = {}): NfCtx => ({
  netns: w.root,
  hook: 'OUTPUT',
  in: null,
  out: { name: 'eth0' } as NfCtx['out'],
  l2: null,
  route: { input: false, local: false, broadcast: false },
  fromSocket: true,
  table: 'filter',
  packet: echo,
  ...extra,
});
const target = { name: 'LOG', data: { prefix: 'fw: ', level: 4, flags: 0 } };

describe('LOG line (nf_log_ip_packet, dump_ipv4_packet)', () => {
  it('prints devices, addresses, header fields and the ICMP echo ids', () => {
    expect(logLine(echo, ctx(new World()), 'fw: ', 0)).toBe(
      'fw: IN= OUT=eth0 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=4321 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ',
    );
  });

  it('adds MAC= for a received packet and the TCP flags', () => {
    const syn: Ipv4Packet = {
      ...echo,
      protocol: 6,
      tos: 0x10,
      dontFragment: false,
      l4: {
        kind: 'tcp',
        sport: 4000,
        dport: 80,
        seq: 1,
        ack: 0,
        flags: 0x02,
        window: 64240,
        headerLength: 20,
      },
    };
    const w = new World();
    const l2 = { src: 'aa:bb:cc:dd:ee:01', dst: 'aa:bb:cc:dd:ee:02', type: 'host' } as NfCtx['l2'];
    const line = logLine(
      syn,
      ctx(w, { hook: 'INPUT', in: { name: 'eth0' } as NfCtx['in'], out: null, l2 }),
      '',
      0,
    );
    expect(line).toBe(
      'IN=eth0 OUT= MAC=aa:bb:cc:dd:ee:02:aa:bb:cc:dd:ee:01:08:00 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x10 PREC=0x00 TTL=64 ID=4321 PROTO=TCP SPT=4000 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0 ',
    );
  });
});

describe('LOG of a bridged packet (nf_log_dump_packet_common with br_netfilter)', () => {
  const w = new World();
  const dev = (name: string) => ({ name }) as Link;
  const br = dev('br0');
  const h1 = dev('veth-h1');
  const h2 = dev('veth-h2');
  const l2 = { src: 'aa:bb:cc:dd:ee:01', dst: 'aa:bb:cc:dd:ee:02', type: 'host' } as NfCtx['l2'];
  const tail =
    'SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=4321 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ';
  const mac = 'MAC=aa:bb:cc:dd:ee:02:aa:bb:cc:dd:ee:01:08:00 ';

  it('names the port it came in by after OUT=, before the MAC header (PREROUTING, INPUT)', () => {
    const p = withNfBridge(echo, w.root, { physIn: h1, physOut: null });
    const c = ctx(w, { hook: 'PREROUTING', in: br, out: null, l2, packet: p });
    expect(logLine(p, c, '', 0)).toBe(`IN=br0 OUT= PHYSIN=veth-h1 ${mac}${tail}`);
  });

  it('adds the port the bridge chose as PHYSOUT= once it forwards the frame (FORWARD)', () => {
    const p = withNfBridge(echo, w.root, { physIn: h1, physOut: h2 });
    const c = ctx(w, { hook: 'FORWARD', in: br, out: br, l2, packet: p });
    expect(logLine(p, c, 'br: ', 0)).toBe(`br: IN=br0 OUT=br0 PHYSIN=veth-h1 PHYSOUT=veth-h2 ${mac}${tail}`);
  });

  it('still names PHYSIN= at POSTROUTING, where IN= is empty and no MAC header is dumped', () => {
    const p = withNfBridge(echo, w.root, { physIn: h1, physOut: h2 });
    const c = ctx(w, { hook: 'POSTROUTING', in: null, out: br, l2: null, packet: p });
    expect(logLine(p, c, '', 0)).toBe(`IN= OUT=br0 PHYSIN=veth-h1 PHYSOUT=veth-h2 ${tail}`);
  });

  it('leaves out a port that is the IN or OUT device itself', () => {
    const p = withNfBridge(echo, w.root, { physIn: h1, physOut: h2 });
    const c = ctx(w, { hook: 'FORWARD', in: h1, out: h2, l2, packet: p });
    expect(logLine(p, c, '', 0)).toBe(`IN=veth-h1 OUT=veth-h2 ${mac}${tail}`);
  });

  it('prints no PHYS fields for a packet not bridged in this namespace', () => {
    const c = ctx(w, { hook: 'FORWARD', in: br, out: br, l2 });
    expect(logLine(echo, c, '', 0)).toBe(`IN=br0 OUT=br0 ${mac}${tail}`);
  });
});

describe('LOG outside init_net', () => {
  it('writes nothing while init_net has nf_log_all_netns = 0, and goes on with the chain', () => {
    const w = new World();
    expect(LOG.action(echo, ctx(w), target)).toBe('CONTINUE');
    expect(kernelLog(w).list()).toEqual([]);
  });

  it('logs at the rule level once nf_log_all_netns is 1', () => {
    const w = new World();
    setNfLogAllNetns(w, true);
    w.clock.advanceTo(1500);
    LOG.action(echo, ctx(w), target);
    expect(kernelLog(w).list()).toEqual([{ at: 1500, level: 4, text: logLine(echo, ctx(w), 'fw: ', 0) }]);
  });
});
