import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';

const run = (script: string) => runTestScript(TWO_HOSTS + script);

describe('nc (TCP)', () => {
  it('a listener receives what the client sends and both exit 0 after -N', async () => {
    const r = await run(`ip netns exec b nc -l -p 8080 &
sleep 0.2
echo data | ip netns exec a nc -N 10.0.0.2 8080; echo "client $?"
wait %1; echo "server $?"
`);
    expect(r.stdout).toBe('data\nclient 0\nserver 0\n');
  });

  it('the server closing first ends a client whose stdin is at EOF', async () => {
    const r = await run(`echo reply | ip netns exec b nc -l -N -p 8080 &
sleep 0.2
ip netns exec a nc 10.0.0.2 8080 < /dev/null; echo "client $?"
wait %1; echo "server $?"
`);
    expect(r.stdout).toBe('reply\nclient 0\nserver 0\n');
  });

  it('a closed port fails quietly without -v, with the connect error with -v', async () => {
    const r = await run(
      'ip netns exec a nc 10.0.0.2 80; echo $?; ip netns exec a nc -v 10.0.0.2 80; echo $?',
    );
    expect(r.stdout).toBe('1\n1\n');
    expect(r.stderr).toBe('nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection refused\n');
  });

  it('-w bounds a connect that gets no answer', async () => {
    const r = await run(`ip netns exec b iptables -A INPUT -p tcp -j DROP
ip netns exec a nc -z -v -w 2 10.0.0.2 81; echo $?`);
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toBe('nc: connect to 10.0.0.2 port 81 (tcp) timed out: Operation now in progress\n');
  });

  it('-z -v reports success with the service name unless -n', async () => {
    const r = await run(`ip netns exec b nc -l -k -p 8080 &
sleep 0.2
ip netns exec a nc -z -v -n 10.0.0.2 8080; echo $?
kill %1
wait`);
    expect(r.stdout).toBe('0\n');
    expect(r.stderr).toBe('Connection to 10.0.0.2 8080 port [tcp/*] succeeded!\n');
  });

  it('-z over several ports exits 0 when any port connected, 1 when none did', async () => {
    const r = await run(`ip netns exec b nc -l -k -p 8080 &
sleep 0.2
ip netns exec a nc -z 10.0.0.2 8079-8081; echo $?
ip netns exec a nc -z 10.0.0.2 8081 8082; echo $?
kill %1
wait`);
    expect(r.stdout).toBe('0\n1\n');
  });
});
