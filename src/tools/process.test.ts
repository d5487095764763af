import { describe, expect, it } from 'vitest';
import { chunksInput, readChunks, stringInput } from './process.js';

describe('a pipe closed by its writer', () => {
  it('hands its writes over whole, the very array when none is empty, then is at end of file', async () => {
    const writes = ['*nat\n', ':KUBE-SERVICES - [0:0]\n', 'COMMIT\n'];
    const pipe = chunksInput(writes);
    expect(await readChunks(pipe)).toBe(writes);
    expect(await pipe.read()).toBeNull();
    expect(pipe.written?.()).toBeNull();
  });

  it('leaves empty writes out, as reading them one by one does', async () => {
    const writes = ['a\n', '', 'b\n', ''];
    const whole = await readChunks(chunksInput(writes));
    const oneByOne = await readChunks({ read: chunksInput(writes).read });
    expect(whole).toEqual(['a\n', 'b\n']);
    expect(oneByOne).toEqual(whole);
  });

  it('gives only what is left once a read took some, read by read', async () => {
    const pipe = chunksInput(['a\n', 'b\n', 'c\n']);
    expect(await pipe.read()).toBe('a\n');
    expect(pipe.written?.()).toBeNull();
    expect(await readChunks(pipe)).toEqual(['b\n', 'c\n']);
  });

  it('reads an input without written() write by write', async () => {
    expect(await readChunks(stringInput('x\ny\n'))).toEqual(['x\ny\n']);
  });
});
