import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore']) await findCommand(c);
});

const ipt = (w: World, ...args: string[]) => runTool(w, ['iptables', ...args]);
const words = (text: string) => text.split(' ').filter((x) => x !== '');

/** Adds `added` to an empty INPUT, then asks -C for `checked`: the exit status. */
async function check(added: string, checked: string): Promise<number> {
  const w = new World();
  expect((await ipt(w, '-A', 'INPUT', ...words(added))).status).toBe(0);
  return (await ipt(w, '-C', 'INPUT', ...words(checked))).status;
}

// iptables 1.8.9 (nf_tables), measured: rules compare by extension data, not by -S text.
describe('iptables -C finds a rule as iptables-nft compares extension data', () => {
  it.each([
    ['helper ignores its `!`', '-m helper ! --helper ftp', '-m helper --helper ftp', 0],
    ['helper ignores its name too (no userspacesize)', '-m helper --helper ftp', '-m helper --helper irc', 0],
    [
      'connlimit: explicit mask 32 is not the default',
      '-m connlimit --connlimit-above 2',
      '-m connlimit --connlimit-above 2 --connlimit-mask 32',
      1,
    ],
    [
      'connlimit: default is not an explicit mask 32',
      '-m connlimit --connlimit-above 2 --connlimit-mask 32',
      '-m connlimit --connlimit-above 2',
      1,
    ],
    [
      'connlimit: two explicit masks compare by value',
      '-m connlimit --connlimit-above 2 --connlimit-mask 24',
      '-m connlimit --connlimit-above 2 --connlimit-mask 255.255.255.0',
      0,
    ],
    [
      'recent: explicit --mask 255.255.255.255 is not the default',
      '-m recent --set --name x',
      '-m recent --set --name x --mask 255.255.255.255',
      1,
    ],
    [
      'recent: default is not an explicit mask',
      '-m recent --set --name x --mask 255.255.255.255',
      '-m recent --set --name x',
      1,
    ],
    ['recent: --rsource is the default', '-m recent --set --name x', '-m recent --set --name x --rsource', 0],
    [
      'connlimit: its `!` still counts',
      '-m connlimit ! --connlimit-above 2',
      '-m connlimit --connlimit-above 2',
      1,
    ],
    ['MARK --set-mark is --set-xmark', '-j MARK --set-mark 1', '-j MARK --set-xmark 1/0xffffffff', 0],
  ])('%s', async (_name, added, checked, status) => {
    expect(await check(added, checked)).toBe(status);
  });
});

describe('iptables -D deletes the rule -C finds', () => {
  it('deletes a `! --helper` rule by `--helper`, and the explicit-mask rule by its explicit mask', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'helper', '!', '--helper', 'ftp');
    await ipt(w, '-A', 'INPUT', ...words('-m connlimit --connlimit-above 2'));
    await ipt(w, '-A', 'INPUT', ...words('-m connlimit --connlimit-above 2 --connlimit-mask 32'));
    expect((await ipt(w, '-D', 'INPUT', '-m', 'helper', '--helper', 'ftp')).status).toBe(0);
    expect((await ipt(w, '-D', 'INPUT', ...words('-m connlimit --connlimit-above 2'))).status).toBe(0);
    // Only the rule added with the explicit mask is left, and -S prints both alike.
    expect((await ipt(w, '-S', 'INPUT')).stdout).toBe(
      '-P INPUT ACCEPT\n-A INPUT -m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr\n',
    );
    expect(await ipt(w, '-D', 'INPUT', ...words('-m connlimit --connlimit-above 2'))).toEqual({
      stdout: '',
      stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).\n',
      status: 1,
    });
  });

  it('a rule re-read by iptables-restore has the mask its saved text gives explicitly', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', ...words('-m connlimit --connlimit-above 2'));
    const saved = (await runTool(w, ['iptables-save'])).stdout;
    expect((await runTool(w, ['iptables-restore'], { stdin: saved })).status).toBe(0);
    expect((await ipt(w, '-C', 'INPUT', ...words('-m connlimit --connlimit-above 2'))).status).toBe(1);
    expect(
      (await ipt(w, '-C', 'INPUT', ...words('-m connlimit --connlimit-above 2 --connlimit-mask 32'))).status,
    ).toBe(0);
  });
});

describe('iptables -C with -m conntrack addresses (measured)', () => {
  it.each([
    [
      'a bare address is not address/32',
      '-m conntrack --ctorigsrc 1.2.3.4',
      '-m conntrack --ctorigsrc 1.2.3.4/32',
      1,
    ],
    [
      'address/32 is not a bare address',
      '-m conntrack --ctrepldst 1.2.3.4/32',
      '-m conntrack --ctrepldst 1.2.3.4',
      1,
    ],
    [
      'two bare addresses are the same',
      '-m conntrack --ctorigdst 1.2.3.4',
      '-m conntrack --ctorigdst 1.2.3.4',
      0,
    ],
  ])('%s', async (_name, added, checked, status) => {
    expect(await check(added, checked)).toBe(status);
  });
});
