import { describe, it } from 'vitest';
import { printsAsScript } from '../shell/testing.js';

describe('env', () => {
  it.each([
    [
      'runs a command in the environment it makes, or prints that environment',
      "export K=1; env -u K L=2 bash -c 'echo ${K-unset} $L'; env -i M=3",
      'unset 2\nM=3\n',
      '',
    ],
    [
      'takes options only before the first assignment: after it, a word is the command',
      'env -i A=1 -u B; echo $?',
      '127\n',
      "env: '-u': No such file or directory\n",
    ],
  ])('%s', printsAsScript);
});
