import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type * as Esbuild from 'esbuild';
import { join } from 'node:path';

/** What a finished child process left behind. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Bundles a TypeScript entry (and decotel's sources it imports) into one CommonJS file for `node`. */
export function bundleEntry(entry: string, outDir: string, name = 'child.js'): string {
  const outfile = join(outDir, name);
  // esbuild is a devDependency; required lazily so that only the child-process suites load it.
  const esbuild = require('esbuild') as typeof Esbuild;
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node18', format: 'cjs', outfile, logLevel: 'error' });
  return outfile;
}

/** Runs `node <args>`; `onStdout` sees each chunk of stdout with the child, e.g. to signal it. */
export function runNode(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; onStdout?: (chunk: string, child: ChildProcess) => void } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
