#!/usr/bin/env node
// Entry point of the `essaim` command: the TypeScript sources, run through tsx. Nothing is built or
// cached by this file, so a checkout can be moved, renamed or share its node_modules.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
