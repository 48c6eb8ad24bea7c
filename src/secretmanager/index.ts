/**
 * The embedded Google Secret Manager-compatible server: REST v1 secrets and versions, the IAM
 * and OAuth subset gcloud and service-account keys need, encryption at rest, an append-only
 * audit log and a watch endpoint for change notifications.
 *
 * @module
 */
export { startSecretManager, DATA_FILES, type SecretManager, type SecretManagerOptions } from './server.js';
export { formatEnvFile, writeEnvFile, gcloudEnvironment, type GcloudEnvironmentOptions } from './gcloud-env.js';
export { readAuditEvents, formatAuditEvent, type AuditEvent, type AuditQuery, type AuditDecision } from './audit-log.js';
export { openDatabase } from './database.js';
export { crc32c } from './crc32c.js';
export { MAX_PAYLOAD_BYTES } from './versions-service.js';
export { CHANGE_TYPES, type ChangeType } from './change-feed.js';
