/**
 * `flotilla template render`: renders a Go template the way Sveltos (`--profile sveltos`) or
 * ESO (`--profile eso`) would, or answers the oracle's batch protocol (`--batch`: JSON lines in,
 * JSON lines out) for differential testing.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Option } from 'commander';
import { FlotillaError, UsageError, errorMessage } from '../../util/index.js';
import { runBatchLine } from '../../template/batch.js';
import { PROFILE_NAMES, Template, TemplateExecError, TemplateParseError, makeRoot, parseGoJson, profileLibrary, type ProfileName, type MissingKey, type RootKind } from '../../template/index.js';
import type { CliContext, CommandModule } from '../context.js';

interface RenderOptions {
  profile: ProfileName;
  missingkey: MissingKey;
  data?: string;
  batch?: boolean;
  name: string;
}

/** The data root each system gives its templates: Sveltos' struct, ESO's map[string]string. */
const NATURAL_ROOT: Record<ProfileName, RootKind> = { builtins: '', sprig: '', sveltos: 'sveltos', eso: 'stringmap' };

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${errorMessage(error)}`);
  }
}

function renderOne(file: string | undefined, opts: RenderOptions, context: CliContext): void {
  if (file === undefined) throw new UsageError('template render needs a TEMPLATE_FILE (or --batch)');
  const text = readText(file, 'template');
  let data = null;
  if (opts.data !== undefined) {
    try {
      data = parseGoJson(readText(opts.data, 'data file'));
    } catch (error) {
      throw new UsageError(`data file ${opts.data} is not valid JSON: ${errorMessage(error)}`);
    }
  }
  try {
    const template = Template.parse(text, { name: opts.name, funcs: profileLibrary(opts.profile), missingKey: opts.missingkey });
    context.stdout(template.execute(makeRoot(NATURAL_ROOT[opts.profile], data)));
  } catch (error) {
    if (error instanceof TemplateExecError) {
      context.stdout(error.output);
      throw new FlotillaError('TEMPLATE_EXEC', error.message);
    }
    if (error instanceof TemplateParseError) throw new FlotillaError('TEMPLATE_PARSE', error.message);
    throw error;
  }
}

async function renderBatch(context: CliContext, input: NodeJS.ReadableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    context.stdout(`${JSON.stringify(runBatchLine(line))}\n`);
  }
}

/** Registers `template render`. `input` is the batch source (stdin in production). */
export function templateCommand(input: () => NodeJS.ReadableStream = () => process.stdin): CommandModule {
  return {
    register(program: Command, context: CliContext): void {
      const template = program.command('template').description('Go text/template tools');
      template
        .command('render')
        .description('render a Go template as Sveltos or ESO would (or run the batch protocol with --batch)')
        .argument('[TEMPLATE_FILE]', 'template text file')
        .addOption(new Option('--profile <profile>', 'function profile').choices(PROFILE_NAMES).default('sprig'))
        .addOption(new Option('--missingkey <mode>', 'missing map key behaviour').choices(['default', 'zero', 'error']).default('default'))
        .option('--data <file>', 'JSON data (integers int64, other numbers float64); sveltos wraps it in its cluster struct, eso in map[string]string')
        .option('--name <name>', 'template name used in error messages', 'tpl')
        .option('--batch', 'read JSON cases, one per line, from stdin; write JSON results')
        .action(async (file: string | undefined, opts: RenderOptions) => {
          if (opts.batch) {
            if (file !== undefined) throw new UsageError('--batch reads cases from stdin; do not pass a TEMPLATE_FILE');
            await renderBatch(context, input());
            return;
          }
          renderOne(file, opts, context);
        });
    },
  };
}
