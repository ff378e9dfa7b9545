#!/usr/bin/env node
// The `event-desk` command (package.json "bin"). Node 24 runs the TypeScript sources directly.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv);
