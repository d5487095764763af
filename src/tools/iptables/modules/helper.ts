import type { ExtSpec } from './spec.js';
import { saveString } from './matches-misc.js';
import { xtString } from './util.js';

/** Size of xt_helper_info.name, NUL included: longer names are cut to 29 characters. */
const NAME_LEN = 30;

/** libxt_helper: `[!] --helper name` (an empty name matches any helper). */
export const helper: ExtSpec = {
  name: 'helper',
  options: { helper: { arg: true } },
  xtopts: [{ name: 'helper', invert: true, mandatory: true }],
  parse(d, _opt, arg, invert) {
    d.name = xtString(arg, NAME_LEN);
    d.inv = invert;
  },
  // No userspacesize in libxt_helper: iptables-nft compares nothing, so
  // `-D ... -m helper --helper irc` deletes a `! --helper ftp` rule (measured).
  compareKey: () => '',
  save: (d) => `${d.inv ? ' !' : ''} --helper${saveString(d.name as string)}`,
  print: (d) => ` helper match ${d.inv ? '! ' : ''}"${d.name as string}"`,
};
