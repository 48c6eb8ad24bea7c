import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlotillaError, UsageError } from '../util/index.js';
import type { CliContext, CommandModule } from './context.js';
import { runProgram } from './program.js';

function harness(env: Record<string, string> = {}): { context: CliContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    context: { stdout: (t) => (out += t), stderr: (t) => (err += t), env, shutdown: new AbortController().signal },
    out: () => out,
    err: () => err,
  };
}

const echo: CommandModule = {
  register(program, context) {
    program
      .command('echo')
      .argument('<word>')
      .option('--fail <kind>')
      .action((word: string, opts: { fail?: string }) => {
        if (opts.fail === 'usage') throw new UsageError('--fail usage was asked for');
        if (opts.fail === 'known') throw new FlotillaError('ECHO_FAILED', 'could not echo\nsecond line');
        if (opts.fail === 'bug') throw new TypeError('x is undefined');
        context.stdout(`${word}\n`);
      });
  },
};
const options = { version: '9.9.9', commands: [echo] };

test('runs a registered subcommand', async () => {
  const h = harness();
  assert.equal(await runProgram(['echo', 'hi'], options, h.context), 0);
  assert.equal(h.out(), 'hi\n');
});

test('--version and --help exit 0 on stdout', async () => {
  const h = harness();
  assert.equal(await runProgram(['--version'], options, h.context), 0);
  assert.equal(h.out(), '9.9.9\n');
  const help = harness();
  assert.equal(await runProgram(['--help'], options, help.context), 0);
  assert.match(help.out(), /Usage: flotilla/);
  assert.match(help.out(), /echo/);
});

test('usage mistakes exit 2 with one line', async () => {
  for (const argv of [['bogus'], ['--bogus'], ['echo'], ['echo', 'a', '--nope'], ['echo', 'a', '--fail', 'usage'], ['--log-level', 'loud']]) {
    const h = harness();
    assert.equal(await runProgram(argv, options, h.context), 2, argv.join(' '));
    assert.equal(h.err().split('\n').filter(Boolean).length, 1, h.err());
    assert.match(h.err(), /^flotilla: /);
  }
});

test('an unknown command close to a real one gets a suggestion', async () => {
  const h = harness();
  assert.equal(await runProgram(['ech'], options, h.context), 2);
  assert.match(h.err(), /unknown command 'ech'/);
});

test('a failure exits 1 with one line; a bug says internal error without a stack', async () => {
  const known = harness();
  assert.equal(await runProgram(['echo', 'a', '--fail', 'known'], options, known.context), 1);
  assert.equal(known.err(), 'flotilla: could not echo second line\n');
  const bug = harness();
  assert.equal(await runProgram(['echo', 'a', '--fail', 'bug'], options, bug.context), 1);
  assert.equal(bug.err(), 'flotilla: internal error: x is undefined\n');
  const debug = harness({ FLOTILLA_DEBUG: '1' });
  await runProgram(['echo', 'a', '--fail', 'bug'], options, debug.context);
  assert.match(debug.err(), /at /);
});
