import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseTokenFile } from '../k8s/apiserver/authn.js';
import { AUTHORIZATION_MODES, type AuthorizationMode } from '../k8s/apiserver/authz.js';
import { ApiServer, type ApiServerOptions } from '../k8s/apiserver/server.js';
import type { Host } from '../k8s/apiserver/registry.js';
import { openStore } from '../k8s/storage/open.js';
import { RestClient } from '../k8s/client/rest.js';
import { GarbageCollector } from '../k8s/controllers/garbage-collector.js';

/** The host's clock and randomness, injected here at the edge like the world's. */
export const systemHost: Host = {
  now: () => new Date(),
  newUid: () => randomUUID(),
  // utilrand.String(5): lowercase consonants and digits, no vowels to avoid words.
  randomSuffix: () => [...randomBytes(5)].map((b) => 'bcdfghjklmnpqrstvwxz2456789'[b % 27]).join(''),
};

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}

/** TLS, tokens and authorization from the flags, read as kube-apiserver reads them at start. */
function security(args: string[]): Pick<ApiServerOptions, 'tls' | 'tokens' | 'authorization' | 'anonymous'> {
  const cert = option(args, '--tls-cert', '');
  const key = option(args, '--tls-key', '');
  if ((cert === '') !== (key === '')) throw new Error('--tls-cert and --tls-key go together');
  const tokenFile = option(args, '--token-file', '');
  const modes = option(args, '--authorization-mode', 'AlwaysAllow').split(',');
  for (const mode of modes)
    if (!AUTHORIZATION_MODES.includes(mode as AuthorizationMode))
      throw new Error(`--authorization-mode: unsupported mode ${JSON.stringify(mode)}`);
  const anonymous = option(args, '--anonymous-auth', 'true');
  if (anonymous !== 'true' && anonymous !== 'false') throw new Error('--anonymous-auth: want true or false');
  return {
    tls: cert ? { cert: readFileSync(cert), key: readFileSync(key) } : undefined,
    tokens: tokenFile ? parseTokenFile(readFileSync(tokenFile, 'utf8'), tokenFile) : undefined,
    authorization: modes as AuthorizationMode[],
    anonymous: anonymous === 'true',
  };
}

/** `HOST:PORT` (`[v6]:PORT`, empty host meaning loopback), or null. */
export function parseListen(listen: string): { host: string; port: number } | null {
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(listen.slice(colon + 1));
  if (colon < 0 || listen.slice(colon + 1) === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    return null;
  return { host, port };
}

/** Resolves at the first SIGINT or SIGTERM: how a server is stopped. */
export const untilSignalled = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

/** `podpath apiserver`: serve the Kubernetes API until killed. */
export async function apiserver(args: string[]): Promise<number> {
  let listen: string;
  let storage: string;
  let secured: ReturnType<typeof security>;
  try {
    listen = option(args, '--listen', '127.0.0.1:6443');
    storage = option(args, '--storage', 'sqlite:./state.db');
    secured = security(args);
  } catch (error) {
    process.stderr.write(`podpath apiserver: ${(error as Error).message}\n`);
    return 2;
  }
  const address = parseListen(listen);
  if (!address) {
    process.stderr.write(`podpath apiserver: --listen ${listen}: want HOST:PORT\n`);
    return 2;
  }
  let store;
  try {
    store = openStore(storage);
  } catch (error) {
    process.stderr.write(`podpath apiserver: ${(error as Error).message}\n`);
    return 2;
  }
  const server = new ApiServer({ store, host: systemHost, ...secured });
  const bound = await server.listen(address.host, address.port);
  // kube-controller-manager's garbage collector, as a client on the server's loopback.
  const gc = new GarbageCollector(new RestClient(await server.loopback()), (e) =>
    process.stderr.write(`podpath apiserver: garbage collector: ${(e as Error).message}\n`),
  );
  await gc.start();
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  process.stdout.write(
    `podpath apiserver: serving on ${secured.tls ? 'https' : 'http'}://${shown}:${bound.port} (storage ${storage})\n`,
  );
  await untilSignalled();
  await gc.stop();
  await server.close();
  await store.close();
  return 0;
}
