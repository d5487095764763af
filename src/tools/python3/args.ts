/** `python3 -m http.server` options (argparse in http/server.py). */
export interface HttpServerOptions {
  readonly port: number;
  readonly bind: string | null;
  readonly directory: string | null;
  readonly protocol: string;
}

const USAGE = 'usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n';
const HELP = `${USAGE}
positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  -b ADDRESS, --bind ADDRESS
                        bind to this address (default: all interfaces)
  -d DIRECTORY, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p VERSION, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0)
`;

export type ParsedHttpServerArgs =
  { ok: true; options: HttpServerOptions } | { ok: false; stdout: string; stderr: string; status: number };

const error = (text: string): ParsedHttpServerArgs => ({
  ok: false,
  stdout: '',
  stderr: `${USAGE}server.py: error: ${text}\n`,
  status: 2,
});

const LONG: Readonly<Record<string, 'bind' | 'directory' | 'protocol'>> = {
  '--bind': 'bind',
  '--directory': 'directory',
  '--protocol': 'protocol',
};
const SHORT: Readonly<Record<string, 'bind' | 'directory' | 'protocol'>> = {
  '-b': 'bind',
  '-d': 'directory',
  '-p': 'protocol',
};
const METAVAR = { bind: '-b/--bind', directory: '-d/--directory', protocol: '-p/--protocol' };

/** argparse as http.server sets it up: the arguments after `-m http.server`. */
export function parseHttpServerArgs(argv: readonly string[]): ParsedHttpServerArgs {
  const values: { bind: string | null; directory: string | null; protocol: string } = {
    bind: null,
    directory: null,
    protocol: 'HTTP/1.0',
  };
  const positional: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { ok: false, stdout: HELP, stderr: '', status: 0 };
    if (arg === '--cgi')
      return {
        ok: false,
        stdout: '',
        stderr: 'podpath: python3 -m http.server --cgi is not emulated\n',
        status: 2,
      };
    const eq = arg.indexOf('=');
    const longName = arg.startsWith('--') ? LONG[eq < 0 ? arg : arg.slice(0, eq)] : undefined;
    const shortName = !arg.startsWith('--') ? SHORT[arg.slice(0, 2)] : undefined;
    const name = longName ?? shortName;
    if (name) {
      let value: string | undefined;
      if (longName && eq >= 0) value = arg.slice(eq + 1);
      else if (shortName && arg.length > 2) value = arg.slice(2);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) value = argv[++i];
      if (value === undefined) return error(`argument ${METAVAR[name]}: expected one argument`);
      values[name] = value;
    } else if (arg.startsWith('-') && arg !== '-') unknown.push(arg);
    else positional.push(arg);
  }
  if (positional.length > 1) unknown.push(...positional.slice(1));
  let port = 8000;
  if (positional.length > 0) {
    const text = positional[0].trim();
    if (!/^[+-]?\d+$/.test(text)) return error(`argument port: invalid int value: '${positional[0]}'`);
    port = Number(text);
  }
  if (unknown.length > 0) return error(`unrecognized arguments: ${unknown.join(' ')}`);
  return { ok: true, options: { port, ...values } };
}
