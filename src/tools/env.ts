import type { Command } from './process.js';

/**
 * coreutils env: the environment changed by -i (start empty), -u NAME
 * (drop it) and NAME=VALUE words, then COMMAND run with it, or, with no
 * command, printed a variable a line. Usage errors end with 125, a command
 * not found with 127.
 */
export const env: Command = async (proc) => {
  const argv = proc.argv;
  let clear = false;
  const unset: string[] = [];
  const usage = (msg: string) => {
    proc.stderr.write(`env: ${msg}\nTry 'env --help' for more information.\n`);
    return 125;
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-' || a === '-i' || a === '--ignore-environment') clear = true;
    else if (a === '-u' || a === '--unset') {
      const name = argv[++i];
      if (name === undefined)
        return usage(
          a === '-u' ? "option requires an argument -- 'u'" : "option '--unset' requires an argument",
        );
      unset.push(name);
    } else if (a.startsWith('--unset=')) unset.push(a.slice('--unset='.length));
    else if (a.startsWith('-u')) unset.push(a.slice(2));
    else if (a.startsWith('--')) return usage(`unrecognized option '${a}'`);
    else if (a.startsWith('-')) return usage(`invalid option -- '${a[1]}'`);
    else break;
  }
  const set: [string, string][] = [];
  // Every word holding `=` is an assignment (one with no name sets nothing, as putenv takes it).
  for (; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    if (eq < 0) break;
    if (eq > 0) set.push([argv[i].slice(0, eq), argv[i].slice(eq + 1)]);
  }
  const command = argv.slice(i);
  if (command.length === 0) {
    const vars = new Map(clear ? [] : proc.env);
    for (const name of unset) vars.delete(name);
    for (const [name, value] of set) vars.set(name, value);
    proc.stdout.write([...vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  const status = await proc.exec(command, { quietNotFound: true, env: { clear, unset, set } });
  if (status === 127) {
    proc.stderr.write(`env: '${command[0]}': No such file or directory\n`);
    return 127;
  }
  return status;
};
