import { describe, it } from 'vitest';
import { printsAsScript } from '../shell/testing.js';

describe('xargs', () => {
  it.each([
    ['all items in one run of echo', "printf 'a b\\nc\\n' | xargs", 'a b c\n', '', 0],
    ['-n 2 per run', "printf 'a b c\\n' | xargs -n 2 echo x", 'x a b\nx c\n', '', 0],
    [
      '-I once per line, leading blanks dropped',
      "printf '  1\\n2\\n' | xargs -I{} echo '<{}>'",
      '<1>\n<2>\n',
      '',
      0,
    ],
    ['quotes and backslashes group words', 'printf "\'a b\' c\\\\ d\\n" | xargs -n1', 'a b\nc d\n', '', 0],
    [
      'no input: one run, or none with -r',
      "printf '' | xargs echo e; printf '' | xargs -r echo f",
      'e\n',
      '',
      0,
    ],
    ['a failed run makes 123', "printf 'a\\n' | xargs false; echo $?", '123\n', '', 0],
    [
      'a command not found makes 127',
      "printf 'a\\n' | xargs nosuch; echo $?",
      '127\n',
      'xargs: nosuch: No such file or directory\n',
      0,
    ],
    [
      'an unmatched quote is refused before anything runs',
      'printf "\'a\\n" | xargs echo; echo $?',
      '1\n',
      'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n',
      0,
    ],
  ])('%s', printsAsScript);
});
