/**
 * The shell file that points gcloud at this server (`source DIR/secretmanager.env`): endpoint
 * overrides for every API the user's example calls, the admin token through
 * `auth/access_token_file`, and a private `CLOUDSDK_CONFIG` so the user's own gcloud setup is
 * untouched. It deliberately does not set the project: users run `gcloud config set project`,
 * and any project ID works.
 *
 * @module
 */
import { renameSync, writeFileSync } from 'node:fs';

export interface GcloudEnvironmentOptions {
  /** Base URL of the server, ending in `/` (gcloud appends `v1/…`). */
  readonly url: string;
  readonly adminTokenFile: string;
  readonly configDir: string;
}

/** APIs whose endpoint gcloud must send to this server. */
const OVERRIDDEN_APIS = ['SECRETMANAGER', 'IAM', 'SERVICEUSAGE', 'CLOUDRESOURCEMANAGER'];

/** The variables, in the order the file lists them. */
export function gcloudEnvironment(options: GcloudEnvironmentOptions): Record<string, string> {
  return {
    ...Object.fromEntries(OVERRIDDEN_APIS.map((api) => [`CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`, options.url])),
    CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: options.adminTokenFile,
    CLOUDSDK_CONFIG: options.configDir,
    // A fresh config directory would otherwise ask about usage statistics and check for updates.
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
  };
}

/** Quotes a value for POSIX shells. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The text of an env file exporting `variables`. */
export function formatEnvFile(variables: Record<string, string>, comment: string): string {
  const lines = Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  return `# ${comment}\n${lines.join('\n')}\n`;
}

/** Writes the env file atomically, so a reader never sources half of it. */
export function writeEnvFile(path: string, variables: Record<string, string>, comment: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, formatEnvFile(variables, comment), { mode: 0o644 });
  renameSync(temporary, path);
}
