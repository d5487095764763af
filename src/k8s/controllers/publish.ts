/**
 * What the twin's components would have told the API server while the
 * cluster came up: the namespaces, the nodes and pods the kubelets
 * registered (with the statuses they reported), the services and the
 * EndpointSlices. Written through the HTTP API, in creation order, as
 * status updates after creates (create resets a pod's status, as the real
 * pod strategy does).
 */
import { findResource, type ResourceType } from '../api/resources.js';
import type { TwinObjects } from '../twin/twin.js';
import { isAlreadyExists, type HasMeta, type RestClient } from '../client/rest.js';

type Published = HasMeta & { status?: unknown };

const resource = (group: string, version: string, plural: string): ResourceType =>
  findResource(group, version, plural)!;

export const NAMESPACES = resource('', 'v1', 'namespaces');
export const NODES = resource('', 'v1', 'nodes');
export const PODS = resource('', 'v1', 'pods');
export const SERVICES = resource('', 'v1', 'services');
export const ENDPOINT_SLICES = resource('discovery.k8s.io', 'v1', 'endpointslices');

/** The object as a client submits it: no server-owned metadata. */
function submitted(obj: Published): Published {
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

async function createWithStatus(client: RestClient, type: ResourceType, obj: Published): Promise<void> {
  let created: Published;
  try {
    created = await client.create(type, submitted(obj));
  } catch (error) {
    // The default namespace exists from the server's bootstrap.
    if (type === NAMESPACES && isAlreadyExists(error)) return;
    throw error;
  }
  if (obj.status !== undefined && type.subresources?.includes('status'))
    await client.update(type, { ...created, status: obj.status }, 'status');
}

export async function publishTwin(client: RestClient, objects: TwinObjects): Promise<void> {
  for (const ns of objects.namespaces) await createWithStatus(client, NAMESPACES, ns);
  for (const node of objects.nodes) await createWithStatus(client, NODES, node);
  for (const svc of objects.services) await createWithStatus(client, SERVICES, svc);
  for (const slice of objects.endpointSlices) await createWithStatus(client, ENDPOINT_SLICES, slice);
  for (const pod of objects.pods) await createWithStatus(client, PODS, pod);
}
