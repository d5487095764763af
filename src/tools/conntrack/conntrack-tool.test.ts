import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { parseArgs, ParamError } from './args.js';

const run = (world: World, ...argv: string[]) => runTool(world, ['conntrack', ...argv]);

describe('conntrack argument checks', () => {
  it.each([
    [['-L', '-G'], 'Invalid commands combination'],
    [['-G', '-p', 'icmp'], "you have to specify `--src' and `--dst'"],
    [
      ['-I', '-s', '1.1.1.1', '-d', '2.2.2.2', '-p', 'icmp', '-t', '5', '--icmp-type', '8'],
      "You need to supply the `--icmp-code' option for this command",
    ],
    [['-L', '-t', '5'], "Illegal option `--timeout' with this command"],
    [['-L', '--state', 'NEW'], "unknown option `--state'"],
    [['-L', '-r', '1.2.3.4/24'], "CIDR notation unavailable for `--reply-src'"],
    [['-L', '-s', '1.2.3.4', '-d', '::1'], 'mismatched address family'],
    [['-L', '-u', 'ASSURED,,SEEN_REPLY'], "Bad parameter `,SEEN_REPLY'"],
    [['-D', 'dying'], "Can't do that command with tables `dying' and `unconfirmed'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new ParamError(message));
  });

  it('takes unique prefixes of long options and the protocol options after -p', () => {
    const a = parseArgs(['-L', '--proto', 'tcp', '--sp', '80', '--state', 'ESTABLISHED']);
    expect([a.proto, a.orig.sport, a.tcpState]).toEqual([6, 80, 'ESTABLISHED']);
  });

  it('lets a later -u overwrite the mark value, as 1.4.7 does', () => {
    expect(parseArgs(['-L', '-m', '9', '-u', 'SEEN_REPLY,ASSURED']).mark?.value).toBe(6);
  });
});

describe('conntrack commands', () => {
  it('creates, gets, updates and deletes an entry', async () => {
    const world = new World();
    const create = await run(
      world,
      '-I',
      '-s',
      '1.1.1.1',
      '-d',
      '2.2.2.2',
      '-p',
      'udp',
      '-t',
      '50',
      '--sport',
      '5',
      '--dport',
      '6',
    );
    expect(create.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been created.\n');
    const get = await run(
      world,
      '-G',
      '-s',
      '1.1.1.1',
      '-d',
      '2.2.2.2',
      '-p',
      'udp',
      '--sport',
      '5',
      '--dport',
      '6',
    );
    expect(get.stdout).toBe(
      'udp      17 49 src=1.1.1.1 dst=2.2.2.2 sport=5 dport=6 [UNREPLIED] src=2.2.2.2 dst=1.1.1.1 sport=6 dport=5 mark=0 use=2\n',
    );
    const upd = await run(world, '-U', '-s', '1.1.1.1', '-m', '0x10/0xf0', '-t', '100');
    expect(upd.stdout).toContain(' 100 src=1.1.1.1 ');
    expect(upd.stdout).toContain('mark=16 use=2');
    const unspec = await run(world, '-U', '-m', '3');
    expect([unspec.status, unspec.stderr]).toEqual([
      1,
      'Operation failed: Operation not supported\nconntrack v1.4.7 (conntrack-tools): Operation failed: Operation not supported\n',
    ]);
    const del = await run(world, '-D', '-p', 'udp', '-o', 'save');
    expect(del.stdout).toBe(
      '-D -t 99 -u UNSET -s 1.1.1.1 -d 2.2.2.2 -r 2.2.2.2 -q 1.1.1.1 -p udp --sport 5 --dport 6 --reply-port-src 6 --reply-port-dst 5\n',
    );
  });

  it('prints XML with a header and a footer only when something is shown', async () => {
    const world = new World();
    expect((await run(world, '-L', '-o', 'xml')).stdout).toBe('');
    await run(
      world,
      '-I',
      '-s',
      '1.1.1.1',
      '-d',
      '2.2.2.2',
      '-p',
      'icmp',
      '-t',
      '9',
      '--icmp-type',
      '8',
      '--icmp-code',
      '0',
    );
    const xml = (await run(world, '-L', '-o', 'xml')).stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<conntrack>\n<flow>')).toBe(true);
    expect(xml.endsWith('<unreplied/></meta></flow>\n</conntrack>\n')).toBe(true);
  });

  it('shows a stats line per CPU', async () => {
    const out = (await run(new World(), '-S')).stdout.split('\n');
    expect(out[0]).toBe(
      'cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 ',
    );
    expect(out).toHaveLength(3);
  });
});
