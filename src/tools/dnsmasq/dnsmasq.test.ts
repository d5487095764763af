import { describe, expect, it } from 'vitest';
import type { DnsMessage } from '../../net/dns/message.js';
import { RCODE, RRTYPE } from '../../net/dns/types.js';
import { parseDnsmasqArgs } from './args.js';
import type { LocalData } from './answer.js';
import { answerQuery, readHostsFile } from './answer.js';

function data(argv: string[], hosts = ''): LocalData {
  const parsed = parseDnsmasqArgs(argv);
  if (!parsed.ok) throw new Error(parsed.stderr);
  const o = parsed.options;
  const records = o.hostRecords.flatMap((r) =>
    r.names.flatMap((name) =>
      r.addrs.map((addr) => ({ name, addr, source: 'config', canonical: r.names[0] })),
    ),
  );
  return { options: o, hosts: [...records, ...readHostsFile(hosts, 'h.txt').entries], mxSrv: [...o.mxSrv] };
}

const query = (name: string, type: number): DnsMessage => ({
  header: {
    id: 1,
    qr: false,
    opcode: 0,
    aa: false,
    tc: false,
    rd: true,
    ra: false,
    z: false,
    ad: true,
    cd: false,
    rcode: 0,
  },
  questions: [{ name, type, class: 1 }],
  answers: [],
  authority: [],
  additional: [],
});

describe('dnsmasq answers from local data', () => {
  it('a host-record answers authoritatively and logs where it came from', () => {
    const a = answerQuery(
      data(['--host-record=api.test,10.0.0.10']),
      query('api.test', RRTYPE.A),
      '10.0.0.1',
    );
    expect(a.response.header).toMatchObject({ aa: true, ra: true, rcode: RCODE.NOERROR });
    expect(a.log).toEqual(['query[A] api.test from 10.0.0.1', 'config api.test is 10.0.0.10']);
  });

  it('what it would forward is REFUSED with no upstream', () => {
    const a = answerQuery(
      data(['--host-record=api.test,10.0.0.10']),
      query('api.test', RRTYPE.AAAA),
      '10.0.0.1',
    );
    expect(a.response.header).toMatchObject({ aa: false, rcode: RCODE.REFUSED });
    expect(a.log[1]).toBe('config error is REFUSED (EDE: not ready)');
  });

  it('under --local a missing name is NXDOMAIN and a known one NODATA', () => {
    const d = data(['--local=/test/', '--host-record=api.test,10.0.0.10']);
    expect(answerQuery(d, query('nope.test', RRTYPE.A), 'c').response.header.rcode).toBe(RCODE.NXDOMAIN);
    const nodata = answerQuery(d, query('api.test', RRTYPE.AAAA), 'c');
    expect(nodata.response.header.rcode).toBe(RCODE.NOERROR);
    expect(nodata.log[1]).toBe('config api.test is NODATA-IPv6');
  });

  it('SRV records rotate: the first one answered moves to the end', () => {
    const d = data(['--srv-host=_s._tcp.t,a.t,1', '--srv-host=_s._tcp.t,b.t,2']);
    const ports = () =>
      answerQuery(d, query('_s._tcp.t', RRTYPE.SRV), 'c').response.answers.map((r) =>
        r.data.kind === 'srv' ? r.data.port : 0,
      );
    expect(ports()).toEqual([2, 1]);
    expect(ports()).toEqual([1, 2]);
  });

  it('a PTR answers the first name of the hosts line', () => {
    const a = answerQuery(
      data([], '10.0.0.80 web.test web\n'),
      query('80.0.0.10.in-addr.arpa', RRTYPE.PTR),
      'c',
    );
    expect(a.response.answers[0].data).toEqual({ kind: 'name', name: 'web.test' });
    expect(a.log[1]).toBe('h.txt 10.0.0.80 is web.test');
  });

  it('rejects a host-record without an address as dnsmasq does', () => {
    expect(parseDnsmasqArgs(['--host-record=a.test'])).toEqual({
      ok: false,
      stderr: '\ndnsmasq: bad command line options: Bad host-record\n',
      status: 1,
    });
  });
});
