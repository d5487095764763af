/**
 * Chain names as kube-proxy derives them (pkg/proxy/iptables/proxier.go:
 * portProtoHash, servicePortEndpointChainName): sha256 over the service port
 * name and the lower-case protocol (plus `ip:port` for an endpoint), base32
 * (RFC 4648 alphabet, as Go's base32.StdEncoding), the first 16 characters.
 * Chain names must stay within iptables' 28 characters.
 */
import { createHash, hash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first `chars` characters of the base32 encoding (padding never reached for 16 of 52). */
function base32Prefix(bytes: Uint8Array, chars: number): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/** crypto.hash (Node 20.12+) skips the Hash object: several times faster for these short strings. */
const sha256: (text: string) => Uint8Array =
  typeof hash === 'function'
    ? (text) => hash('sha256', text, 'buffer')
    : (text) => createHash('sha256').update(text).digest();

export const hash16 = (text: string): string => base32Prefix(sha256(text), 16);

/** proxy.ServicePortName.String(): `namespace/name`, plus `:port` when the port is named. */
export const servicePortName = (namespace: string, name: string, port: string | undefined): string =>
  `${namespace}/${name}${port ? `:${port}` : ''}`;

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

export const KUBE_SVC = 'KUBE-SVC-';
export const KUBE_SVL = 'KUBE-SVL-';
export const KUBE_FW = 'KUBE-FW-';
export const KUBE_EXT = 'KUBE-EXT-';
export const KUBE_SEP = 'KUBE-SEP-';

export interface ServiceChains {
  readonly cluster: string;
  readonly local: string;
  readonly firewall: string;
  readonly external: string;
}

/** The four per-service-port chains share one hash; `protocol` is lower case (`tcp`). */
export function serviceChains(portName: string, protocol: string): ServiceChains {
  const h = hash16(portName + protocol);
  return { cluster: KUBE_SVC + h, local: KUBE_SVL + h, firewall: KUBE_FW + h, external: KUBE_EXT + h };
}

/** `endpoint` is `ip:port` (net.JoinHostPort). */
export const endpointChain = (portName: string, protocol: string, endpoint: string): string =>
  KUBE_SEP + hash16(portName + protocol + endpoint);
