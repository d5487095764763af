import type { IpContext } from './context.js';
import { die } from './ip-args.js';

/** `ip rule help` as iproute2 6.1 prints it (to stderr). */
const text =
  'Usage: ip rule { add | del } SELECTOR ACTION\n       ip rule { flush | save | restore }\n       ip rule [ list [ SELECTOR ]]\nSELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n            [ fwmark FWMARK[/MASK] ]\n            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n            [ uidrange NUMBER-NUMBER ]\n            [ ipproto PROTOCOL ]\n            [ sport [ NUMBER | NUMBER-NUMBER ]\n            [ dport [ NUMBER | NUMBER-NUMBER ] ]\nACTION := [ table TABLE_ID ]\n          [ protocol PROTO ]\n          [ nat ADDRESS ]\n          [ realms [SRCREALM/]DSTREALM ]\n          [ goto NUMBER ]\n          SUPPRESSOR\nSUPPRESSOR := [ suppress_prefixlength NUMBER ]\n              [ suppress_ifgroup DEVGROUP ]\nTABLE_ID := [ local | main | default | NUMBER ]\n';

export function usage(ctx: IpContext): never {
  return die(ctx, text, 255);
}
