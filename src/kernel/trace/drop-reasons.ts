import type { DropCode } from './events.js';

/** What each drop means, in the words a person would use. */
const REASONS: Readonly<Record<DropCode, string>> = {
  'nf-policy': 'dropped by the chain policy',
  'nf-rule': 'dropped by a rule',
  'nf-reject': 'rejected by a rule',
  'nf-drop': 'dropped by netfilter',
  'rp-filter': 'reverse path filter (rp_filter): the source is not routed back through the input device',
  'martian-source': 'martian source address',
  'martian-destination': 'martian destination address',
  'no-route': 'no route to the destination',
  'not-forwarding': 'forwarding is off on the input device',
  'no-arp-reply': 'no ARP answer from the next hop',
  'hairpin-off': 'hairpin off: the bridge never sends a frame back out of the port it came in on',
  'ttl-exceeded': 'TTL exceeded in transit',
  'frag-needed': "too big for the output device, and Don't Fragment is set",
  'conntrack-full': 'conntrack table full: no room for a new connection',
  'no-socket': 'no socket listening on the destination port',
  'link-down': 'the output device has no carrier: it or the other end of its link is down',
  'not-for-host': "the frame was not addressed to this host's MAC",
};

export const dropReason = (code: DropCode, detail?: string): string =>
  detail ? `${REASONS[code]} (${detail})` : REASONS[code];
