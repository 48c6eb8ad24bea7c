// The real gcloud against `flotilla secretmanager`, started as users start it: the user's
// example verbatim after `source DIR/secretmanager.env`, the version lifecycle, filters,
// size limits, service-account access with and without a binding, unauthenticated calls, no
// plaintext in the data directory, and the audit log. gcloud takes about a second a command,
// so independent flows run in parallel, each with its own CLOUDSDK_CONFIG.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTool, which } from '../support/external-tools.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'flotilla.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string | Buffer } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: options.env, cwd: options.cwd, encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: stdout.toString('latin1'), stderr: stderr.toString('utf8') });
    });
    child.stdin!.end(options.input ?? '');
  });
}

/** Starts `flotilla secretmanager` and resolves once it has written its env file. */
async function startServer(t: TestContext, dataDir: string): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'secretmanager', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('source ')) resolve();
    });
    void exited.then((code) => reject(new Error(`flotilla secretmanager exited with ${code}: ${out}`)));
  });
  return { child, exited };
}

/** The environment a shell has after `source DIR/secretmanager.env`, parsed from the file. */
function sourcedEnv(envFile: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const match of readFileSync(envFile, 'utf8').matchAll(/^export (\w+)='([^']*)'$/gm)) variables[match[1]!] = match[2]!;
  return variables;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('gcloud against flotilla secretmanager', { concurrency: true, timeout: 240_000 }, async (t) => {
  const gcloud = requireTool(t, 'gcloud', which('gcloud'));
  if (!gcloud) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'flotilla-sm-e2e-'));
  const server = await startServer(t, dataDir);
  const envFile = join(dataDir, 'secretmanager.env');
  const sourced = sourcedEnv(envFile);
  const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CLOUDSDK_CORE_DISABLE_PROMPTS: '1' };

  /** gcloud with the sourced settings, a private config directory and a project set. */
  async function privateGcloud(project: string): Promise<(args: string[], options?: { input?: string | Buffer; env?: NodeJS.ProcessEnv }) => Promise<Run>> {
    const env = { ...baseEnv, ...sourced, CLOUDSDK_CONFIG: mkdtempSync(join(tmpdir(), 'gcloud-config-')) };
    const set = await run(gcloud!, ['config', 'set', 'project', project], { env });
    assert.equal(set.code, 0, set.stderr);
    return (args, options = {}) => run(gcloud!, args, { env: { ...env, ...options.env }, ...(options.input !== undefined ? { input: options.input } : {}) });
  }

  const example = t.test("the user's example, verbatim after sourcing the env file; the key's account reads only what it is bound to", async () => {
    const work = mkdtempSync(join(tmpdir(), 'seed-'));
    // From the user's example (shared/seed): the gcloud lines, with `$ ` prompts removed.
    const script = `set -euo pipefail
source ${envFile}
yourproject=flotilla-seed-project
gcloud config set project $yourproject
gcloud services enable secretmanager.googleapis.com
echo -ne '{"password":"yoursecret"}' | gcloud secrets create yoursecret --data-file=-
gcloud iam service-accounts create external-secrets
gcloud secrets add-iam-policy-binding yoursecret --member "serviceAccount:external-secrets@$yourproject.iam.gserviceaccount.com" --role "roles/secretmanager.secretAccessor"
gcloud iam service-accounts keys create key.json --iam-account=external-secrets@$yourproject.iam.gserviceaccount.com
`;
    const seed = await run('bash', ['-c', script], { env: baseEnv, cwd: work });
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stderr, /Created version \[1\] of the secret \[yoursecret\]/);
    assert.match(seed.stderr, /Created service account \[external-secrets\]/);
    assert.match(seed.stdout + seed.stderr, /roles\/secretmanager\.secretAccessor/);
    const key = JSON.parse(readFileSync(join(work, 'key.json'), 'utf8')) as Record<string, string>;
    assert.equal(key.type, 'service_account');
    assert.equal(key.client_email, 'external-secrets@flotilla-seed-project.iam.gserviceaccount.com');
    assert.equal(key.token_uri, `${sourced.CLOUDSDK_API_ENDPOINT_OVERRIDES_SECRETMANAGER}token`);

    const admin = await privateGcloud('flotilla-seed-project');
    const other = await admin(['secrets', 'create', 'not-bound', '--data-file=-'], { input: 'not-for-the-key' });
    assert.equal(other.code, 0, other.stderr);
    // gcloud itself signs a JWT with the key and exchanges it at the key's token_uri.
    const sa = await privateGcloud('flotilla-seed-project');
    const noTokenFile = { CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '' };
    const activated = await sa(['auth', 'activate-service-account', `--key-file=${join(work, 'key.json')}`], { env: noTokenFile });
    assert.equal(activated.code, 0, activated.stderr);
    const read = await sa(['secrets', 'versions', 'access', 'latest', '--secret=yoursecret'], { env: noTokenFile });
    assert.equal(read.code, 0, read.stderr);
    assert.equal(read.stdout, '{"password":"yoursecret"}');
    const denied = await sa(['secrets', 'versions', 'access', 'latest', '--secret=not-bound'], { env: noTokenFile });
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /Permission 'secretmanager\.versions\.access' denied for resource 'projects\/flotilla-seed-project\/secrets\/not-bound\/versions\/latest' \(or it may not exist\)/);
  });

  const lifecycle = t.test('versions: add, access exact bytes (binary too), list, disable, enable, destroy; filters; describe; delete; 64 KiB', async () => {
    const g = await privateGcloud('flotilla-e2e-versions');
    const work = mkdtempSync(join(tmpdir(), 'versions-'));
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    writeFileSync(join(work, 'binary'), binary);
    writeFileSync(join(work, 'max'), Buffer.alloc(65536, 'm'));
    writeFileSync(join(work, 'over'), Buffer.alloc(65537, 'o'));
    const ok = async (args: string[], input?: string): Promise<Run> => {
      const result = await g(args, input !== undefined ? { input } : {});
      assert.equal(result.code, 0, `gcloud ${args.join(' ')}: ${result.stderr}`);
      return result;
    };
    await ok(['secrets', 'create', 'lifecycle', '--data-file=-', '--labels=team=a,env=dev'], 'E2E-CANARY-version-one');
    await ok(['secrets', 'versions', 'add', 'lifecycle', `--data-file=${join(work, 'binary')}`]);
    await ok(['secrets', 'versions', 'access', '2', '--secret=lifecycle', `--out-file=${join(work, 'binary.out')}`]);
    assert.deepEqual(readFileSync(join(work, 'binary.out')), binary);
    await ok(['secrets', 'versions', 'add', 'lifecycle', `--data-file=${join(work, 'max')}`]);
    const over = await g(['secrets', 'versions', 'add', 'lifecycle', `--data-file=${join(work, 'over')}`]);
    assert.notEqual(over.code, 0);
    assert.match(over.stderr, /larger than the maximum size of 65536 bytes/);
    await ok(['secrets', 'versions', 'disable', '3', '--secret=lifecycle']);
    const disabled = await g(['secrets', 'versions', 'access', 'latest', '--secret=lifecycle']);
    assert.notEqual(disabled.code, 0);
    assert.match(disabled.stderr, /FAILED_PRECONDITION: Secret Version \[projects\/\d+\/secrets\/lifecycle\/versions\/3\] is in DISABLED state\./);
    const enabledOnly = await ok(['secrets', 'versions', 'list', 'lifecycle', '--filter=state:ENABLED', '--format=value(name)']);
    assert.deepEqual(enabledOnly.stdout.trim().split('\n'), ['2', '1']);
    await ok(['secrets', 'versions', 'enable', '3', '--secret=lifecycle']);
    assert.deepEqual(Buffer.from((await ok(['secrets', 'versions', 'access', 'latest', '--secret=lifecycle'])).stdout, 'latin1'), Buffer.alloc(65536, 'm'));
    await ok(['secrets', 'versions', 'destroy', '1', '--secret=lifecycle']);
    const all = await ok(['secrets', 'versions', 'list', 'lifecycle', '--format=value(name,state)']);
    assert.deepEqual(all.stdout.trim().split('\n').map((l) => l.split(/\s+/).join(':').toUpperCase()), ['3:ENABLED', '2:ENABLED', '1:DESTROYED']);

    await ok(['secrets', 'create', 'unlabeled', '--data-file=-'], 'x');
    const byLabel = await ok(['secrets', 'list', '--filter=labels.team=a', '--format=value(name)']);
    assert.deepEqual(byLabel.stdout.trim().split('\n'), ['lifecycle']);
    const byName = await ok(['secrets', 'list', '--filter=name:unlab', '--format=value(name)']);
    assert.deepEqual(byName.stdout.trim().split('\n'), ['unlabeled']);
    await ok(['secrets', 'update', 'lifecycle', '--update-labels=owner=eso']);
    const secret = JSON.parse((await ok(['secrets', 'describe', 'lifecycle', '--format=json'])).stdout) as { labels: Record<string, string>; name: string };
    assert.deepEqual(secret.labels, { env: 'dev', owner: 'eso', team: 'a' });
    assert.match(secret.name, /^projects\/\d{12}\/secrets\/lifecycle$/);
    await ok(['secrets', 'delete', 'unlabeled']);
    const gone = await g(['secrets', 'describe', 'unlabeled']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /NOT_FOUND: Secret \[projects\/\d+\/secrets\/unlabeled\] not found\./);
  });

  const unauthenticated = t.test('calls without valid credentials are refused', async () => {
    const g = await privateGcloud('flotilla-e2e-anon');
    const bogus = join(mkdtempSync(join(tmpdir(), 'bogus-')), 'token');
    writeFileSync(bogus, 'not-a-token\n');
    const invalid = await g(['secrets', 'list'], { env: { CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: bogus } });
    assert.notEqual(invalid.code, 0);
    assert.match(invalid.stderr, /UNAUTHENTICATED: Request had invalid authentication credentials/);
    const none = await g(['secrets', 'versions', 'access', 'latest', '--secret=anything'], { env: { CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '', CLOUDSDK_AUTH_DISABLE_CREDENTIALS: 'true' } });
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /UNAUTHENTICATED: Request is missing required authentication credential/);
  });

  await Promise.all([example, lifecycle, unauthenticated]);

  await t.test('the data directory holds no plaintext payload, gcloud config included', () => {
    for (const needle of ['{"password":"yoursecret"}', 'E2E-CANARY-version-one', 'not-for-the-key']) {
      const holders = filesUnder(dataDir).filter((path) => readFileSync(path).includes(Buffer.from(needle)));
      assert.deepEqual(holders, [], needle);
    }
  });

  await t.test('the audit log shows the accesses and denials', async () => {
    const audit = await run(process.execPath, [bin, 'secretmanager', 'audit', '--data-dir', dataDir, '--secret', 'projects/flotilla-seed-project/secrets/yoursecret']);
    assert.equal(audit.code, 0, audit.stderr);
    const sa = 'serviceAccount:external-secrets@flotilla-seed-project.iam.gserviceaccount.com';
    assert.match(audit.stdout, new RegExp(`^\\S+Z ${sa} AccessSecretVersion projects/flotilla-seed-project/secrets/yoursecret/versions/1 allowed OK$`, 'm'));
    assert.match(audit.stdout, /^\S+Z admin SetIamPolicy projects\/flotilla-seed-project\/secrets\/yoursecret allowed OK$/m);
    const denials = await run(process.execPath, [bin, 'secretmanager', 'audit', '--data-dir', dataDir, '--secret', 'not-bound']);
    assert.match(denials.stdout, new RegExp(`^\\S+Z ${sa} AccessSecretVersion projects/flotilla-seed-project/secrets/not-bound/versions/latest denied PERMISSION_DENIED$`, 'm'));
    const everything = await run(process.execPath, [bin, 'secretmanager', 'audit', '--data-dir', dataDir]);
    assert.match(everything.stdout, /^\S+Z anonymous ListSecrets \S+ denied UNAUTHENTICATED$/m);
    assert.match(everything.stdout, /^\S+Z admin EnableService projects\/flotilla-seed-project\/services\/secretmanager.googleapis.com allowed OK$/m);
  });

  await t.test('SIGTERM stops the server cleanly and removes the env file', async () => {
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.equal(existsSync(envFile), false);
  });
});
