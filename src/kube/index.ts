/**
 * The only adapter over @kubernetes/client-node (DESIGN.md): kubeconfig loading, a dynamic client
 * backed by cached discovery, server-side apply, per-cluster transports with rate limits and
 * timeouts, and typed API errors. Controllers reach every API server through this folder.
 *
 * @module
 */
export {
  type ClusterConnection, type Credentials, type LoadKubeconfigOptions, type InClusterOptions,
  KubeconfigError, SERVICE_ACCOUNT_DIR, bearerToken, inClusterConnection, loadKubeconfig, tokenFile,
} from './kubeconfig.js';
export { type Query, type RequestOptions, type Stream, type StreamOptions, type TransportOptions, Transport } from './transport.js';
export { type ApiResource, type DiscoveryOptions, Discovery, groupVersionPath } from './discovery.js';
export {
  type DeleteOptions, type GroupVersionKind, type ListOptions, type ObjectList, type PatchOptions, type PatchType,
  type WatchEvent, type WatchOptions, type WriteOptions, KubeClient,
} from './client.js';
export { type ClientSettings, ClientPool, createClient } from './pool.js';
export {
  type Status, KubeApiError, KubeTransportError, NoKindMatchError, apiErrorFromResponse,
  isAlreadyExists, isBadRequest, isConflict, isExpired, isForbidden, isInvalid, isNotFound, isTooManyRequests, isTransportError,
} from './errors.js';
