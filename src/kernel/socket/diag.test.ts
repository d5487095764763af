import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { TcpSocket } from './tcp.js';
import { UdpSocket } from './udp.js';
import { tcpDumpOrder, udpDumpOrder } from './diag.js';

describe('socket dump order', () => {
  it('walks UDP slots as a rotation of the ascending port order', () => {
    const ns = new World().createNetns('x');
    for (const port of [5353, 53, 123, 67]) new UdpSocket(ns).bind(0, port);
    const ports = udpDumpOrder(ns).map((s) => s.localPort);
    const start = ports.indexOf(53);
    const sorted = [53, 67, 123, 5353];
    expect([...ports.slice(start), ...ports.slice(0, start)]).toEqual(sorted);
  });

  it('lists TCP listeners before connected sockets, the same way on every run', () => {
    const order = () => {
      const ns = new World().createNetns('x');
      for (const port of [22, 80, 443, 8080]) {
        const s = new TcpSocket(ns);
        s.bind(0, port);
        s.listen(1);
      }
      return tcpDumpOrder(ns).map((s) => s.localPort);
    };
    expect(order()).toEqual(order());
    expect([...order()].sort((a, b) => a - b)).toEqual([22, 80, 443, 8080]);
  });

  it('leaves out sockets that are only bound', () => {
    const ns = new World().createNetns('x');
    new TcpSocket(ns).bind(0, 1234);
    expect(tcpDumpOrder(ns)).toEqual([]);
  });
});
