/**
 * `kubectl explain` against the served `/openapi/v3`: kubectl 1.32 reads
 * the root, then the group-version's document (`/openapi/v3/api/v1?hash=…`),
 * finds the kind's schema by its `x-kubernetes-group-version-kind` and renders
 * it with its plaintext template. Descriptions are our own for the kinds and
 * absent for fields, so kubectl prints `<empty>` and `<no description>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, KUBECTL, kubectl as runKubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import { apiVersionOf, RESOURCES } from '../api/resources.js';
import { MemoryStore } from '../storage/memory.js';
import { ApiServer } from './server.js';

if (!haveKubectl) console.warn(`SKIPPING kubectl explain tests: ${KUBECTL} is not installed`);

/** A field of the non-recursive listing: its line, then kubectl's placeholder for a missing description. */
const field = (line: string) => [`  ${line}`, '    <no description>', ''];

describe.skipIf(!haveKubectl)('kubectl explain against the API server', () => {
  let dir: string;
  let store: MemoryStore;
  let server: ApiServer;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-kubectl-explain-'));
    store = new MemoryStore();
    server = new ApiServer({ store, host: systemHost });
    const address = await server.listen('127.0.0.1', 0);
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (args: string[]) => runKubectl(dir, url, args);

  it('explain pods: the kind, its description and its top-level fields', async () => {
    const run = await kubectl(['explain', 'pods']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'DESCRIPTION:',
        '    A group of containers scheduled together onto one node, sharing its network.',
        '    ',
        'FIELDS:',
        ...field('apiVersion\t<string>'),
        ...field('kind\t<string>'),
        ...field('metadata\t<ObjectMeta>'),
        ...field('spec\t<PodSpec>'),
        ...field('status\t<PodStatus>'),
        '',
        '',
      ].join('\n'),
    );
  });

  it('explain pods.spec.containers.ports: a field path through lists, with its required field', async () => {
    const run = await kubectl(['explain', 'pods.spec.containers.ports']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: ports <[]ContainerPort>',
        '',
        '',
        'DESCRIPTION:',
        '    <empty>',
        'FIELDS:',
        ...field('containerPort\t<integer> -required-'),
        ...field('hostIP\t<string>'),
        ...field('hostPort\t<integer>'),
        ...field('name\t<string>'),
        ...field('protocol\t<string>'),
        '',
        '',
      ].join('\n'),
    );
  });

  it('explain deployments.spec --recursive: every nested field with its type', async () => {
    const run = await kubectl(['explain', 'deployments.spec', '--recursive']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 28)).toEqual([
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'FIELD: spec <DeploymentSpec>',
      '',
      '',
      'DESCRIPTION:',
      '    <empty>',
      'FIELDS:',
      '  minReadySeconds\t<integer>',
      '  paused\t<boolean>',
      '  progressDeadlineSeconds\t<integer>',
      '  replicas\t<integer>',
      '  revisionHistoryLimit\t<integer>',
      '  selector\t<LabelSelector> -required-',
      '    matchExpressions\t<[]LabelSelectorRequirement>',
      '      key\t<string> -required-',
      '      operator\t<string> -required-',
      '      values\t<[]string>',
      '    matchLabels\t<map[string]string>',
      '  strategy\t<DeploymentStrategy>',
      '    rollingUpdate\t<RollingUpdateDeployment>',
      '      maxSurge\t<IntOrString>',
      '      maxUnavailable\t<IntOrString>',
      '    type\t<string>',
      '  template\t<PodTemplateSpec> -required-',
      '    metadata\t<ObjectMeta>',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        '      creationTimestamp\t<string>',
        '        fieldsV1\t<FieldsV1>',
        '      containers\t<[]Container> -required-',
        '        ports\t<[]ContainerPort>',
        '          containerPort\t<integer> -required-',
        '          limits\t<map[string]Quantity>',
        '      nodeSelector\t<map[string]string>',
      ]),
    );
    // Fields newer than the v1.32 the server reports are not described.
    expect(run.stdout).not.toContain('hostnameOverride');
  });

  it('explain of an unknown field fails as kubectl reports it', async () => {
    const run = await kubectl(['explain', 'pods.spec.nosuchfield']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('KIND:       Pod\nVERSION:    v1\n\n');
    expect(run.stderr).toBe('error: field "nosuchfield" does not exist\n');
  });

  it('explains every served kind, recursively', async () => {
    for (const type of RESOURCES) {
      const run = await kubectl([
        'explain',
        type.plural,
        '--recursive',
        `--api-version=${apiVersionOf(type)}`,
      ]);
      expect(run.stderr, type.plural).toBe('');
      expect(run.stdout, type.plural).toContain(`KIND:       ${type.kind}\nVERSION:    ${type.version}\n`);
      const lines = run.stdout.split('\n');
      expect(lines, type.plural).toEqual(
        expect.arrayContaining(['FIELDS:', '  apiVersion\t<string>', '  kind\t<string>']),
      );
      // Required where the kind requires it (Event).
      expect(lines, type.plural).toContainEqual(
        expect.stringMatching(/^ {2}metadata\t<ObjectMeta>( -required-)?$/),
      );
    }
  }, 60_000);
});
