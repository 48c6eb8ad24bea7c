#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx flotilla` needs no build step
// (docs/adr/0001-toolchain.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
