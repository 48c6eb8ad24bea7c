// The layer rules of DESIGN.md, as ESLint flat-config blocks. Kept apart from eslint.config.js
// so a test can lint fixtures against exactly these rules without type information.

const NODE_IO = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises',
  'child_process', 'worker_threads', 'cluster', 'os', 'readline', 'inspector',
].flatMap((m) => [m, `node:${m}`]);

/** A `no-restricted-imports` pattern that forbids any relative import reaching into `dir/`. */
function intoDir(dir, message) {
  return { regex: `(^|/)${dir}(/|$)`, message };
}

const CONTROLLER_LAYERS = ['src/runtime/**/*.ts', 'src/secrets/**/*.ts', 'src/addons/**/*.ts'];

/** @type {import('eslint').Linter.Config[]} */
export const layerRules = [
  {
    name: 'flotilla/layers/only-cli-touches-the-process',
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'process', property: 'env', message: 'Only src/cli reads the environment; pass values down as options.' },
        { object: 'process', property: 'argv', message: 'Only src/cli reads argv; pass values down as options.' },
        { object: 'process', property: 'exit', message: 'Only src/cli exits; throw an error with a code instead.' },
        { object: 'process', property: 'exitCode', message: 'Only src/cli sets the exit code.' },
      ],
    },
  },
  {
    name: 'flotilla/layers/nothing-imports-cli',
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoDir('cli', 'Nothing imports src/cli: it is the composition root.')] }],
    },
  },
  {
    name: 'flotilla/layers/client-node-only-in-kube',
    files: ['src/**/*.ts'],
    ignores: ['src/kube/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'Only src/kube imports @kubernetes/client-node.' }],
        patterns: [intoDir('cli', 'Nothing imports src/cli: it is the composition root.')],
      }],
    },
  },
  {
    name: 'flotilla/layers/controllers-reach-servers-over-http',
    files: CONTROLLER_LAYERS,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'Only src/kube imports @kubernetes/client-node.' }],
        patterns: [
          intoDir('cli', 'Nothing imports src/cli: it is the composition root.'),
          intoDir('apiserver', 'Controllers never import apiserver/: reach it over HTTP through kube/.'),
          intoDir('store', 'Controllers never import store/: reach the API server over HTTP through kube/.'),
        ],
      }],
    },
  },
  {
    name: 'flotilla/layers/servers-know-no-controllers',
    files: ['src/apiserver/**/*.ts', 'src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'apiserver/ and store/ never import client-node.' }],
        patterns: [
          intoDir('cli', 'Nothing imports src/cli: it is the composition root.'),
          ...['runtime', 'secrets', 'addons', 'kube'].map((d) =>
            intoDir(d, `apiserver/ and store/ never import ${d}/.`)),
        ],
      }],
    },
  },
  {
    name: 'flotilla/layers/secretmanager-stands-alone',
    // The embedded secret manager is a server of its own: util/ and api/ only, never the
    // Kubernetes side (client-node, apiserver/, store/) nor the controllers.
    files: ['src/secretmanager/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'secretmanager/ never imports client-node.' }],
        patterns: ['cli', 'kube', 'store', 'apiserver', 'runtime', 'secrets', 'addons', 'template'].map((d) =>
          intoDir(d, `secretmanager/ imports only util/ and api/, not ${d}/.`)),
      }],
    },
  },
  {
    name: 'flotilla/layers/template-is-pure',
    files: ['src/template/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...NODE_IO.map((name) => ({ name, message: 'template/ does no I/O: it is a pure function of text, functions and data.' })),
          { name: '@kubernetes/client-node', message: 'template/ does no I/O.' },
        ],
        patterns: ['cli', 'kube', 'store', 'apiserver', 'runtime', 'secrets', 'addons', 'secretmanager'].map((d) =>
          intoDir(d, `template/ does no I/O and imports only api/ and util/, not ${d}/.`)),
      }],
    },
  },
  {
    name: 'flotilla/layers/providers-import-only-the-contract',
    // A provider file is src/secrets/providers/<name>/<file>.ts. Allowed relative imports: its own
    // folder (./…), the contract (../../contract.js), and api/ or util/ (../../../api|util/…).
    files: ['src/secrets/providers/*/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'Providers never import client-node; use the ProviderContext.' }],
        patterns: [{
          regex: '^\\.\\./(?!\\.\\./contract(\\.js)?$|\\.\\./\\.\\./(api|util)(/|$))',
          message: 'A provider imports only secrets/contract.ts, api/, util/ and its own folder.',
        }],
      }],
    },
  },
];
