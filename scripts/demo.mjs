// `npm run demo`: the main job on a fresh clone.
import { existsSync } from 'node:fs';
import { runTs } from './run-ts.mjs';

const entry = existsSync('examples/express-shop/demo.ts') ? 'examples/express-shop/demo.ts' : 'examples/quickstart.ts';
const result = runTs(entry, process.argv.slice(2));
process.exitCode = result.status ?? 1;
