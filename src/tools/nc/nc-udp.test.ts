import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';

const run = (script: string) => runTestScript(TWO_HOSTS + script);

describe('nc -u', () => {
  it('a listener prints what its first sender sends, and reports it with -v -n', async () => {
    const r = await run(`ip netns exec b nc -u -l -n -v -p 9000 &
sleep 0.2
echo hello | ip netns exec a nc -u -q0 -p 4444 10.0.0.2 9000
kill %1
wait
`);
    expect(r.stdout).toBe('hello\n');
    expect(r.stderr).toBe('Bound on 0.0.0.0 9000\nConnection received on 10.0.0.1 4444\n');
  });

  it('sending to a closed port exits 0 once the ICMP error is read', async () => {
    const r = await run('echo hi | ip netns exec a nc -u -w3 10.0.0.2 9001; echo $?');
    expect(r.stdout).toBe('0\n');
  });

  it('-v probes the port first and fails quietly with status 1 when refused', async () => {
    const r = await run('ip netns exec a nc -u -z -v 10.0.0.2 9001; echo $?');
    expect(r).toMatchObject({ stdout: '1\n', stderr: '' });
  });

  it('-z -v succeeds against an open port after -w seconds of probes', async () => {
    const r = await run(`ip netns exec b nc -u -l -p 9002 &
sleep 0.2
ip netns exec a nc -u -z -v -n -w1 10.0.0.2 9002; echo $?
kill %1
wait
`);
    expect(r.stdout).toBe('XXX0\n');
    expect(r.stderr).toBe('Connection to 10.0.0.2 9002 port [udp/*] succeeded!\n');
  });

  it('-l -k never connects: it takes datagrams from every sender', async () => {
    const r = await run(`ip netns exec b nc -u -l -k -p 9000 &
sleep 0.2
echo one | ip netns exec a nc -u -q0 -p 4001 10.0.0.2 9000
echo two | ip netns exec a nc -u -q0 -p 4002 10.0.0.2 9000
ip netns exec b ss -Hun state established | wc -l
kill %1
wait
`);
    expect(r.stdout).toBe('one\ntwo\n0\n');
  });

  it('-z counts only "port unreachable" as closed: a host-prohibited error costs one probe', async () => {
    const r = await run(`ip netns exec b iptables -A INPUT -p udp -j REJECT --reject-with icmp-host-prohibited
ip netns exec a nc -u -z -v -n -w1 10.0.0.2 53; echo $?
ip netns exec b iptables -L INPUT -v -n -x | tail -n 1 | cut -c1-17
`);
    // Probes at 0, 0 and 1 s: the second write fails with EHOSTUNREACH and is never sent.
    expect(r.stdout).toBe('0\n       2       58\n');
    expect(r.stderr).toBe('Connection to 10.0.0.2 53 port [udp/*] succeeded!\n');
  });
});
