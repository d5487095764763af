# Sends IPv4 packets as Ethernet frames from a veth peer, as fast as python
# can, for bench/new-flow.mjs's real side. Started in the router namespace
# (`ip netns exec ROUTER python3 flow-send.py ...`), it opens an AF_PACKET
# socket on DEV inside the client namespace CLIENT (setns there and back),
# sends every frame of the batch, then waits until the router's OUT device
# has transmitted them all. Per batch it prints: wall ns until then, the
# process's CPU ns over the send loop, frames sent, frames the router had
# sent when the loop ended, and in the end. veth hands each frame to the
# router in the sender's own softirq, whose time (no IRQ time accounting
# on this kernel) is the sender's system time: when the router had sent
# them all by the loop's end, the CPU ns hold the kernel's whole work on
# them, and other processes on the machine do not inflate it.
#
#   python3 flow-send.py CLIENT DEV OUT PACKETS.json BATCH...
# PACKETS.json: {"batches": [[[src, sport, dst, dport, proto], ...], ...]}
# (addresses as 32-bit integers, proto 6 or 17); one line per batch out.
import ctypes, json, os, socket, struct, sys, time

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns ' + path)
    os.close(fd)


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(dst_mac, src_mac, src, sport, dst, dport, proto):
    # 60-byte datagrams: UDP 8 + 32 payload, TCP SYN 20 + 20 payload (as podpath's side).
    payload = b'\0' * (32 if proto == 17 else 20)
    pseudo = struct.pack('!IIBBH', src, dst, 0, proto, (8 if proto == 17 else 20) + len(payload))
    if proto == 17:
        l4 = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
        c = csum(pseudo + l4) or 0xFFFF
        l4 = l4[:6] + struct.pack('!H', c) + l4[8:]
    else:
        l4 = struct.pack('!HHIIBBHHH', sport, dport, 1, 0, 5 << 4, 0x02, 64240, 0, 0) + payload
        c = csum(pseudo + l4)
        l4 = l4[:16] + struct.pack('!H', c) + l4[18:]
    ip = struct.pack('!BBHHHBBHII', 0x45, 0, 20 + len(l4), 1, 0x4000, 64, proto, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    return dst_mac + src_mac + b'\x08\x00' + ip + l4


def main():
    client, dev, out, packets = sys.argv[1:5]
    router_mac = bytes.fromhex(open('/sys/class/net/r0/address').read().strip().replace(':', ''))
    tx = '/sys/class/net/%s/statistics/tx_packets' % out
    here = '/proc/self/ns/net'
    home = os.open(here, os.O_RDONLY)
    setns('/run/netns/' + client)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((dev, 0))
    if libc.setns(home, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns back')
    src_mac = b'\x02\x00\x00\x00\x00\x02'
    batches = json.load(open(packets))['batches']
    for batch in batches:
        frames = [frame(router_mac, src_mac, *p) for p in batch]
        before = int(open(tx).read())
        send = sock.send
        start = time.perf_counter_ns()
        cpu = time.process_time_ns()
        for f in frames:
            send(f)
        cpu = time.process_time_ns() - cpu
        now = int(open(tx).read()) - before
        deadline = time.monotonic() + 10
        while int(open(tx).read()) - before < len(frames) and time.monotonic() < deadline:
            pass
        elapsed = time.perf_counter_ns() - start
        print(elapsed, cpu, len(frames), now, int(open(tx).read()) - before, flush=True)


main()
