import type { Command } from '../process.js';

/**
 * `python3`: only `python3 -m http.server ...` is emulated (the HTTP
 * server lab scripts start for curl); anything else says so.
 */
export const python3: Command = async (proc) => {
  const args = proc.argv.slice(1);
  if (args[0] === '-m' && args[1] === 'http.server') {
    const { httpServer } = await import('./http-server.js');
    return httpServer(proc, args.slice(2));
  }
  proc.stderr.write(
    `podpath: python3: only "python3 -m http.server [PORT] [--bind ADDR] [--directory DIR]" is emulated\n`,
  );
  return 2;
};
