import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.js';

describe('patches', () => {
  it('merge patch replaces lists and deletes null keys', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });

  it('strategic merge patch merges containers by name and keeps $setElementOrder', () => {
    const live = {
      spec: {
        containers: [
          { name: 'a', image: 'a:1' },
          { name: 'b', image: 'b:1' },
        ],
        replicas: 1,
      },
    };
    const patch = {
      spec: {
        '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
        containers: [{ name: 'b', image: 'b:2' }],
        replicas: 3,
      },
    };
    expect(strategicMergePatch(live, patch)).toEqual({
      spec: {
        containers: [
          { name: 'b', image: 'b:2' },
          { name: 'a', image: 'a:1' },
        ],
        replicas: 3,
      },
    });
  });

  it('strategic merge patch deletes list items with $patch: delete and replaces plain lists', () => {
    const live = {
      env: [
        { name: 'X', value: '1' },
        { name: 'Y', value: '2' },
      ],
      args: ['a', 'b'],
    };
    expect(strategicMergePatch(live, { env: [{ name: 'X', $patch: 'delete' }], args: ['c'] })).toEqual({
      env: [{ name: 'Y', value: '2' }],
      args: ['c'],
    });
  });

  it('strategic merge patch merges service ports on port', () => {
    const live = { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] };
    expect(strategicMergePatch(live, { ports: [{ port: 80, targetPort: 9090 }] })).toEqual({
      ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }],
    });
  });

  it('json patch applies add, replace, remove and test in order', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    expect(
      jsonPatch(doc, [
        { op: 'test', path: '/metadata/labels/a', value: '1' },
        { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
        { op: 'replace', path: '/list/0', value: 9 },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'remove', path: '/metadata/labels/a' },
      ]),
    ).toEqual({ metadata: { labels: { 'b/c': '2' } }, list: [9, 2, 3] });
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow('missing value');
  });
});
