import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-A INPUT` options -> the rule as `iptables -S` prints it, and the -L match text (reference machine). */
const CASES: readonly (readonly [string, string, string])[] = [
  [
    '-m hashlimit --hashlimit-upto 5/sec --hashlimit-name foo',
    '-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-name foo',
    'limit: up to 5/sec burst 5',
  ],
  [
    '-m hashlimit --hashlimit-above 5/min --hashlimit-name bar --hashlimit-mode srcip,dstport --hashlimit-burst 10',
    '-m hashlimit --hashlimit-above 5/min --hashlimit-burst 10 --hashlimit-mode srcip,dstport --hashlimit-name bar',
    'limit: above 5/min burst 10 mode srcip-dstport',
  ],
  [
    '-m hashlimit --hashlimit-upto 5kb/s --hashlimit-name b --hashlimit-burst 12k',
    '-m hashlimit --hashlimit-upto 5kb/s --hashlimit-burst 15kb --hashlimit-name b',
    'limit: up to 5kb/s burst 15kb',
  ],
  [
    '-m hashlimit --hashlimit-upto 5000mb/s --hashlimit-name b',
    '-m hashlimit --hashlimit-upto 5286113568b/s --hashlimit-name b',
    'limit: up to 5286113568b/s',
  ],
  [
    '-m hashlimit --hashlimit-upto 7/day --hashlimit-name d --hashlimit-rate-match --hashlimit-rate-interval 5',
    '-m hashlimit --hashlimit-upto 7/sec --hashlimit-burst 5 --hashlimit-name d --hashlimit-htable-expire 86400000 --hashlimit-rate-match --hashlimit-rate-interval 5',
    'limit: up to 84/min burst 5 htable-expire 86400000 rate-match rate-interval 5',
  ],
  [
    '-m recent --set',
    '-m recent --set --name DEFAULT --mask 255.255.255.255 --rsource',
    'recent: SET name: DEFAULT side: source mask: 255.255.255.255',
  ],
  [
    '-m recent --name foo --update --seconds 60 --reap --rttl --rdest --hitcount 3',
    '-m recent --update --seconds 60 --reap --hitcount 3 --rttl --name foo --mask 255.255.255.255 --rdest',
    'recent: UPDATE seconds: 60 reap hit_count: 3 TTL-Match name: foo side: dest mask: 255.255.255.255',
  ],
  [
    '-m recent ! --rcheck --mask 24 --seconds 4294967295',
    '-m recent ! --rcheck --seconds -1 --name DEFAULT --mask 0.0.0.24 --rsource',
    '! recent: CHECK seconds: -1 name: DEFAULT side: source mask: 0.0.0.24',
  ],
  [
    '-m string --string foo --algo bm',
    '-m string --string "foo" --algo bm',
    'STRING match  "foo" ALGO name bm',
  ],
  [
    '-m string ! --string a"b\\c --algo kmp --from 1 --to 9 --icase',
    '-m string ! --string "a\\"b\\\\c" --algo kmp --from 1 --to 9 --icase',
    'STRING match ! "a\\"b\\\\c" ALGO name kmp FROM 1 TO 9 ICASE',
  ],
  [
    '-m string --hex-string ab|20|cd --algo bm',
    '-m string --string "ab cd" --algo bm',
    'STRING match  "ab cd" ALGO name bm',
  ],
  [
    '-m string --hex-string |41|\\| --algo bm',
    '-m string --hex-string "|415c|" --algo bm',
    'STRING match  "|415c|" ALGO name bm',
  ],
];

describe('hashlimit, recent and string: -S and -L', () => {
  it.each(CASES)('%s', (input, saved, listed) => expectShown(splitArgs(input), saved, listed));
});

/** The options split as the shell would for these unquoted test inputs. */
const splitArgs = (s: string) => s.split(' ');

const ERRORS: readonly (readonly [string, string])[] = [
  ['-m hashlimit --hashlimit-upto 5/sec', 'hashlimit: option "--hashlimit-name" must be specified\n'],
  ['-m hashlimit --hashlimit-name foo', 'You have to specify --hashlimit'],
  [
    '-m hashlimit --hashlimit-upto 5/fortnight --hashlimit-name a',
    'hashlimit: Bad value for "--hashlimit-upto" option: "5/fortnight"',
  ],
  ['-m hashlimit --hashlimit-upto 2000000/sec --hashlimit-name a', 'Rate too fast "2000000/sec"'],
  [
    '-m hashlimit --hashlimit-upto 5/s --hashlimit-name a --hashlimit-burst 0',
    'bad value for option "--hashlimit-burst", or out of range (1-1000000).',
  ],
  [
    '-m hashlimit --hashlimit-upto 5kb/s --hashlimit-name a --hashlimit-burst 1kb',
    'burst cannot be smaller than 5120b',
  ],
  ['-m recent', "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'"],
  ['-m recent --set --rcheck', 'recent: option "--set" cannot be used together with "--rcheck".\n'],
  ['-m recent --rcheck --reap', 'recent: option "--reap" also requires "--seconds".\n'],
  [
    '-m recent --rcheck --seconds 0',
    'recent: bad value for option "--seconds", or out of range (1-4294967295).\n',
  ],
  ['-m string --string foo', 'string: option "--algo" must be specified\n'],
  ['-m string --algo bm', "STRING match: You must specify `--string' or `--hex-string'"],
  ['-m string --hex-string |0g| --algo bm', "Invalid hex char 'g'"],
];

describe('hashlimit, recent and string: parameter problems', () => {
  it.each(ERRORS)('%s', (input, msg) => expectRefused(splitArgs(input), msg));
});
