import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../shell/testing.js';
import { netstatProcRead, snmpProcRead } from './snmp-proc.js';

/** Namespaces a (10.0.0.1) and b (10.0.0.2) on a veth pair, then `script`. */
async function lab(script: string) {
  const { world } = await runTestScript(TWO_HOSTS + script);
  return { a: world.named.get('a')!, b: world.named.get('b')! };
}

/** The Name=value pairs of one /proc/net/snmp or netstat section, by title. */
function section(text: string, title: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l.startsWith(`${title}: `));
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i].split(' ').slice(1);
    const values = lines[i + 1].split(' ').slice(1);
    names.forEach((n, k) => (out[n] = values[k]));
  }
  return out;
}

describe('SNMP counters', () => {
  it('counts a ping exchange at both ends (Ip, Icmp per type, IpExt octets)', async () => {
    const { a, b } = await lab('ip netns exec a ping -c 2 -i 0.2 -q 10.0.0.2');
    expect(a.mib.ip).toMatchObject({ InReceives: 2, InDelivers: 2, OutRequests: 2, OutTransmits: 2 });
    expect(a.mib.ipExt).toMatchObject({ InOctets: 168, OutOctets: 168, InNoECTPkts: 2 });
    expect([a.mib.icmpMsgOut[8], a.mib.icmpMsgIn[0], a.mib.icmp.OutMsgs, a.mib.icmp.InMsgs]).toEqual([
      2, 2, 2, 2,
    ]);
    const icmp = section(snmpProcRead(b), 'Icmp');
    expect(icmp).toMatchObject({
      InMsgs: '2',
      InEchos: '2',
      OutMsgs: '2',
      OutEchoReps: '2',
      InEchoReps: '0',
    });
    expect(snmpProcRead(b)).toContain('\nIcmpMsg: InType8 OutType0\nIcmpMsg: 2 2\n');
  });

  it('counts a datagram to a closed port as NoPorts and the unreachable that answers it', async () => {
    const { a, b } = await lab('echo hi | ip netns exec a nc -u -w1 10.0.0.2 9001');
    expect(b.mib.udp).toMatchObject({ NoPorts: 1, InDatagrams: 0 });
    expect(b.mib.icmpMsgOut[3]).toBe(1);
    expect(a.mib.udp.OutDatagrams).toBe(1);
    expect(section(snmpProcRead(a), 'Icmp')).toMatchObject({ InDestUnreachs: '1' });
  });

  it('counts a refused connection: the RST sent, the attempt failed', async () => {
    const { a, b } = await lab('ip netns exec a nc -z 10.0.0.2 9001');
    expect(a.mib.tcp).toMatchObject({ ActiveOpens: 1, AttemptFails: 1, InSegs: 1, OutSegs: 1, OutRsts: 0 });
    expect(b.mib.tcp).toMatchObject({ InSegs: 1, OutSegs: 1, OutRsts: 1 });
  });

  it('counts a connection with data and a clean close, TIME-WAIT entered on the closing side', async () => {
    const { a, b } = await lab(
      [
        'ip netns exec b nc -l -p 8080 > /dev/null &',
        'sleep 0.1',
        'echo hello | ip netns exec a nc -N 10.0.0.2 8080',
        'wait',
      ].join('\n'),
    );
    expect(a.mib.tcp).toMatchObject({ ActiveOpens: 1, InSegs: 3, OutSegs: 5 });
    expect(b.mib.tcp).toMatchObject({ PassiveOpens: 1, InSegs: 5, OutSegs: 3 });
    expect(a.mib.tcpExt).toMatchObject({ TW: 1, TCPPureAcks: 1, TCPOrigDataSent: 2, TCPDelivered: 3 });
    expect(b.mib.tcpExt).toMatchObject({ TW: 0, TCPPureAcks: 2, TCPOrigDataSent: 1, TCPDelivered: 1 });
    expect(section(netstatProcRead(a), 'TcpExt').TW).toBe('1');
    expect(section(snmpProcRead(a), 'Tcp')).toMatchObject({ RtoMin: '200', MaxConn: '-1', CurrEstab: '0' });
  });

  it('predicts pure ACKs once the window of the peer first changes (TCPHPAcks)', async () => {
    const { a } = await lab(
      [
        'ip netns exec b nc -l -p 8080 > /dev/null &',
        'sleep 0.1',
        '(echo one; sleep 0.2; echo two; sleep 0.2; echo three) | ip netns exec a nc -N 10.0.0.2 8080',
        'wait',
      ].join('\n'),
    );
    expect(a.mib.tcpExt).toMatchObject({ TCPPureAcks: 1, TCPHPAcks: 2, TCPHPHits: 0, TCPOrigDataSent: 4 });
  });

  it('prints the nonzero IcmpMsg counters sixteen to a line pair, In types first', async () => {
    const { a } = await lab('');
    for (let t = 0; t < 17; t++) a.mib.icmpMsgIn[t] = t + 1;
    a.mib.icmpMsgOut[0] = 5;
    const lines = snmpProcRead(a)
      .split('\n')
      .filter((l) => l.startsWith('IcmpMsg:'));
    expect(lines).toHaveLength(4);
    expect(lines[0].split(' ')).toHaveLength(17);
    expect(lines[2]).toBe('IcmpMsg: InType16 OutType0');
    expect(lines[3]).toBe('IcmpMsg: 17 5');
  });
});
