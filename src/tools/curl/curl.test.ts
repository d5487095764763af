import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';
import { parseCurlArgs } from './args.js';
import { parseUrl } from './url.js';
import { resolveLocation } from './main.js';

const run = (script: string) => runTestScript(TWO_HOSTS + script);

const SERVE = `ip netns exec b python3 -m http.server 8080 --directory /tmp/www 2> /tmp/www.log &
until ip netns exec b nc -z 127.0.0.1 8080; do sleep 0.1; done
`;

describe('curl against python3 -m http.server', () => {
  it('serves a file the script wrote, and logs the request', async () => {
    const r = await run(`mkdir -p /tmp/www
echo hello > /tmp/www/index.html
${SERVE}ip netns exec a curl -s -w '%{http_code} %{size_download} %{remote_ip}\\n' http://10.0.0.2:8080/
kill %1; wait
cat /tmp/www.log`);
    expect(r.stdout).toMatch(
      /^hello\n200 6 10\.0\.0\.2\n10\.0\.0\.1 - - \[01\/Jan\/2024 00:00:\d\d\] "GET \/ HTTP\/1\.1" 200 -\n$/,
    );
  });

  it('lists the written files of a directory', async () => {
    const r = await run(`mkdir -p /tmp/www
echo a > /tmp/www/b.txt
echo b > /tmp/www/A.txt
${SERVE}ip netns exec a curl -s http://10.0.0.2:8080/ | grep '<li>'`);
    expect(r.stdout).toBe('<li><a href="A.txt">A.txt</a></li>\n<li><a href="b.txt">b.txt</a></li>\n');
  });

  it('-v traces to stderr while the body waits in the stdout buffer', async () => {
    const r = await run(`mkdir -p /tmp/www
echo x > /tmp/www/f
${SERVE}ip netns exec a curl -sv http://10.0.0.2:8080/f 2>&1 | tail -n 3`);
    expect(r.stdout).toBe('{ [2 bytes data]\n* Closing connection 0\nx\n');
  });

  it('a closed port is refused (7); without -s the progress meter precedes the error', async () => {
    const r = await run('ip netns exec a curl http://10.0.0.2:9/; echo $?');
    expect(r.stdout).toBe('7\n');
    expect(r.stderr).toMatch(
      /Speed\n\r {2}0 {5}0.*\r {2}0 .*\ncurl: \(7\) Failed to connect to 10\.0\.0\.2 port 9 after 0 ms: Couldn't connect to server\n$/,
    );
  });

  it('-m 1 against a DROP rule times out (28) before the SYN is retransmitted', async () => {
    const r = await run(`ip netns exec b iptables -A INPUT -p tcp -j DROP
ip netns exec a curl -sS -m 1 http://10.0.0.2:8080/; echo $?
ip netns exec a curl -sS --connect-timeout 1 http://10.0.0.2:8080/; echo $?
ip netns exec b iptables -L INPUT -v -n -x | tail -n 1`);
    expect(r.stderr).toBe(
      'curl: (28) Connection timed out after 1000 milliseconds\n' +
        'curl: (28) Failed to connect to 10.0.0.2 port 8080 after 1000 ms: Timeout was reached\n',
    );
    expect(r.stdout).toMatch(/^28\n28\n +2 +120 DROP/);
  });

  it('REJECT --reject-with tcp-reset answers the SYN with a RST: connection refused', async () => {
    const r = await run(`ip netns exec b iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
ip netns exec a curl -sS http://10.0.0.2:8080/; echo $?`);
    expect(r.stdout).toBe('7\n');
    expect(r.stderr).toContain('Failed to connect to 10.0.0.2 port 8080');
  });

  it('an unresolvable name fails with 6', async () => {
    const r = await run('ip netns exec a curl -sS http://nowhere.invalid/; echo $?');
    expect(r.stderr).toBe('curl: (6) Could not resolve host: nowhere.invalid\n');
    expect(r.stdout).toBe('6\n');
  });

  it('python3 other than -m http.server says it is not emulated', async () => {
    const r = await run("python3 -c 'print(1)'; echo $?");
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toContain('podpath: python3: only');
  });
});

describe('curl arguments and URLs', () => {
  it('bundles short flags with a trailing value', () => {
    const r = parseCurlArgs(['-sSo/dev/null', '-w', '%{http_code}', 'http://x/']);
    expect(r).toMatchObject({
      ok: true,
      options: { silent: true, showError: true, output: '/dev/null', urls: ['http://x/'] },
    });
  });

  it.each([
    [['--bogus'], 'curl: option --bogus: is unknown\n'],
    [['-m'], 'curl: option -m: requires parameter\n'],
    [['-m', 'abc', 'x'], 'curl: option -m: expected a proper numerical parameter\n'],
  ])('%j is a usage error (2)', (argv, first) => {
    expect(parseCurlArgs(argv)).toEqual({
      ok: false,
      stderr: `${first}curl: try 'curl --help' or 'curl --manual' for more information\n`,
      status: 2,
    });
  });

  it('defaults to http and port 80, keeps the query, drops the fragment', () => {
    expect(parseUrl('10.0.0.2/a?b=1#frag')).toEqual({
      ok: true,
      url: { scheme: 'http', host: '10.0.0.2', port: 80, path: '/a?b=1', effective: 'http://10.0.0.2/a?b=1' },
    });
    expect(parseUrl('http://h:99999/')).toMatchObject({ ok: false, code: 3 });
    expect(parseUrl('ftpx://h/')).toMatchObject({ ok: false, code: 1 });
  });

  it('resolves a Location header as %{redirect_url} shows it', () => {
    expect(resolveLocation('http://h:8080/sub', '/sub/')).toBe('http://h:8080/sub/');
    expect(resolveLocation('http://h/a/b', 'c')).toBe('http://h/a/c');
    expect(resolveLocation('http://h/a/b', 'https://x/y')).toBe('https://x/y');
  });
});

describe('curl -w', () => {
  it('reads the format from a file with @FILE and reports a redirect target', async () => {
    const r = await run(`printf '%%{http_code} %%{redirect_url}\\n' > /tmp/fmt
mkdir -p /tmp/www/sub
echo x > /tmp/www/sub/f
${SERVE}ip netns exec a curl -s -o /dev/null -w @/tmp/fmt http://10.0.0.2:8080/sub
kill %1; wait`);
    expect(r.stdout).toBe('301 http://10.0.0.2:8080/sub/\n');
  });
});
