#!/usr/bin/env node
// Entry point of the `essaim` command: the TypeScript sources, bundled once and kept while they are
// unchanged (see load.mjs), or run through tsx.
import { loadCli } from './load.mjs';

const main = await loadCli();
process.exitCode = await main(process.argv.slice(2));
