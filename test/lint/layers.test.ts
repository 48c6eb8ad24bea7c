// The layer rules of DESIGN.md are enforced by lint: these cases prove each rule rejects a
// crossing and allows the legal neighbour, by linting source text as if it sat at a path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { layerRules } from '../../eslint/layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
});

async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  assert.ok(result, 'eslint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'fixture must parse');
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: Array<{ path: string; code: string; rule: RegExp | null }> = [
  { path: 'src/runtime/informer.ts', code: "import { x } from '../apiserver/index.js';", rule: /apiserver/ },
  { path: 'src/secrets/controllers/es.ts', code: "import { x } from '../../store/sqlite.js';", rule: /store/ },
  { path: 'src/addons/deployer.ts', code: "import { x } from '../store/index.js';", rule: /store/ },
  { path: 'src/runtime/informer.ts', code: "import { x } from '../kube/index.js';", rule: null },
  { path: 'src/runtime/informer.ts', code: "import * as k from '@kubernetes/client-node';", rule: /client-node/ },
  { path: 'src/kube/client.ts', code: "import * as k from '@kubernetes/client-node';", rule: null },
  { path: 'src/apiserver/server.ts', code: "import { x } from '../runtime/index.js';", rule: /runtime/ },
  { path: 'src/store/log.ts', code: "import * as k from '@kubernetes/client-node';", rule: /client-node/ },
  { path: 'src/apiserver/server.ts', code: "import { x } from '../store/index.js';", rule: null },
  { path: 'src/template/exec.ts', code: "import { readFileSync } from 'node:fs';", rule: /no I\/O/ },
  { path: 'src/template/exec.ts', code: "import { get } from 'https';", rule: /no I\/O/ },
  { path: 'src/template/exec.ts', code: "import { x } from '../kube/index.js';", rule: /kube/ },
  { path: 'src/template/exec.ts', code: "import { createHash } from 'node:crypto';", rule: null },
  { path: 'src/util/clock.ts', code: 'const v = process.env.HOME;', rule: /environment/ },
  { path: 'src/apiserver/server.ts', code: 'process.exit(1);', rule: /exits/ },
  { path: 'src/store/log.ts', code: 'const a = process.argv;', rule: /argv/ },
  { path: 'src/cli/main.ts', code: 'process.exitCode = process.env.X ? 1 : 0;', rule: null },
  { path: 'src/util/clock.ts', code: "import { main } from '../cli/main.js';", rule: /composition root/ },
  { path: 'src/secretmanager/server.ts', code: "import { x } from '../store/index.js';", rule: /secretmanager/ },
  { path: 'src/secretmanager/http/handler.ts', code: "import { x } from '../../apiserver/index.js';", rule: /secretmanager/ },
  { path: 'src/secretmanager/server.ts', code: "import * as k from '@kubernetes/client-node';", rule: /client-node/ },
  { path: 'src/secretmanager/server.ts', code: "import { x } from '../util/index.js';\nimport { y } from '../api/index.js';", rule: null },
  { path: 'src/secrets/providers/gcp/client.ts', code: "import { x } from '../aws/client.js';", rule: /only secrets\/contract/ },
  { path: 'src/secrets/providers/gcp/client.ts', code: "import { x } from '../../controllers/es.js';", rule: /only secrets\/contract/ },
  { path: 'src/secrets/providers/gcp/client.ts', code: "import { x } from '../../../kube/index.js';", rule: /only secrets\/contract/ },
  {
    path: 'src/secrets/providers/gcp/client.ts',
    code: "import { a } from '../../contract.js';\nimport { b } from '../../../api/index.js';\nimport { c } from '../../../util/index.js';\nimport { d } from './auth.js';",
    rule: null,
  },
];

for (const { path, code, rule } of cases) {
  test(`${rule ? 'rejects' : 'allows'} in ${path}: ${code.split('\n')[0]}`, async () => {
    const found = await violations(path, code);
    if (rule === null) assert.deepEqual(found, []);
    else assert.ok(found.some((m) => rule.test(m)), `expected a violation matching ${rule}, got ${JSON.stringify(found)}`);
  });
}
