import type { Command } from './process.js';
import { parseOptions } from './text/input.js';

/** The emulated machine's one user: lab scripts run as root, as they must to change networking. */
const ROOT = { uid: 0, gid: 0, name: 'root' };

/** coreutils id: `uid=0(root) gid=0(root) groups=0(root)`, or one of -u, -g, -G (-n for names, -r taken). */
export const id: Command = async (proc) => {
  const parsed = parseOptions(proc, 'id', 'ugGnrz', '', {
    user: 'u',
    group: 'g',
    groups: 'G',
    name: 'n',
    real: 'r',
    zero: 'z',
  });
  if (typeof parsed === 'number') return parsed;
  const has = (c: string) => parsed.opts.some((o) => o.name === c);
  const which = ['u', 'g', 'G'].filter(has);
  if (which.length > 1) {
    proc.stderr.write(
      'id: cannot print "only" of more than one choice\nTry \'id --help\' for more information.\n',
    );
    return 1;
  }
  for (const user of parsed.operands)
    if (user !== ROOT.name && user !== String(ROOT.uid)) {
      proc.stderr.write(`id: '${user}': no such user\n`);
      return 1;
    }
  if (which.length === 0) {
    if (has('n') || has('r')) {
      proc.stderr.write(
        `id: cannot print only names or real IDs in default format\nTry 'id --help' for more information.\n`,
      );
      return 1;
    }
    proc.stdout.write(
      `uid=${ROOT.uid}(${ROOT.name}) gid=${ROOT.gid}(${ROOT.name}) groups=${ROOT.gid}(${ROOT.name})\n`,
    );
    return 0;
  }
  const number = which[0] === 'u' ? ROOT.uid : ROOT.gid;
  proc.stdout.write(`${has('n') ? ROOT.name : number}${has('z') ? '\0' : '\n'}`);
  return 0;
};

/** coreutils whoami. */
export const whoami: Command = async (proc) => {
  if (proc.argv.length > 1) {
    proc.stderr.write(`whoami: extra operand '${proc.argv[1]}'\nTry 'whoami --help' for more information.\n`);
    return 1;
  }
  proc.stdout.write(`${ROOT.name}\n`);
  return 0;
};
