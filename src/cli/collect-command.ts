import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.node';
import type { CliIo } from './cli-io';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './cli-io';
import type { BrowserRemoteConfig } from './collect-server.node';
import { DEFAULT_COLLECT_PORT, DEFAULT_MAX_BODY_BYTES, startCollector } from './collect-server.node';
import { findAssetsDir } from './collect-static.node';
import { readCliConfig } from './read-cli-config.node';

const USAGE = `Usage: decotel collect [--port ${DEFAULT_COLLECT_PORT}] [--host 127.0.0.1] [--out events.jsonl] [--token T]
                       [--max-body BYTES] [--cors-origin ORIGIN]... [--config FILE] [--type NAME]...
                       [--static DIR]

A local receiver for the json and otlp formats: prints events as they arrive, de-duplicates
them by id and appends them to a JSONL file.
  POST /v1/events   json envelope (application/json or text/plain)
  POST /v1/logs     OTLP/HTTP JSON
  GET  /v1/config   the browser remote config, from the YAML's browser: section
  GET  /            the live view: events as they arrive, counts, rates, p50/p95/p99, errors
  GET  /decotel-worker.js, /decotel-browser.js   the browser SDK, for pages without a bundler
Options:
  --port N          port to listen on (default ${DEFAULT_COLLECT_PORT}; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1)
  --out FILE        append each event as one JSON line, with its batch's service
  --token T         require Authorization: Bearer T on POSTs (default: $DECOTEL_COLLECT_TOKEN)
  --max-body BYTES  refuse larger bodies with 413 (default ${DEFAULT_MAX_BODY_BYTES})
  --cors-origin O   answer CORS preflights from this origin (repeatable; * for any)
  --config FILE     the YAML (default: $TELEMETRY_CONFIG, else ./telemetry.config.yaml if present)
  --type NAME       accept a custom destination type in the YAML (repeatable)
  --static DIR      serve DIR at /app/ (e.g. --static examples/browser)
Runs until SIGINT or SIGTERM.
`;

/** What `decotel collect` gets: the CLI's io and, for tests and embedding, a signal that stops it like SIGINT. */
export type CollectIo = CliIo & { signal?: AbortSignal };

/** `decotel collect`: runs the local receiver until SIGINT, SIGTERM or `io.signal`. */
export async function collectCommand(args: string[], io: CollectIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        out: { type: 'string', short: 'o' },
        token: { type: 'string' },
        'max-body': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        type: { type: 'string', multiple: true },
        static: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    io.stderr(`decotel collect: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help === true) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const port = integerArg(values.port, DEFAULT_COLLECT_PORT, 0, 65_535);
  const maxBodyBytes = integerArg(values['max-body'], DEFAULT_MAX_BODY_BYTES, 1, Number.MAX_SAFE_INTEGER);
  if (port === undefined || maxBodyBytes === undefined) {
    io.stderr(`decotel collect: --port takes 0 to 65535 and --max-body a positive number of bytes\n${USAGE}`);
    return EXIT_USAGE;
  }
  const browser = loadBrowserConfig(values.config, values.type, io);
  if (browser === undefined) return EXIT_USAGE;
  const token = values.token ?? (io.env.DECOTEL_COLLECT_TOKEN?.trim() || undefined);
  const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  let collector;
  try {
    collector = await startCollector({
      port,
      host: values.host,
      out,
      token,
      maxBodyBytes,
      corsOrigins: values['cors-origin'] ?? [],
      browserConfig: browser.config,
      assetsDir: findAssetsDir(),
      staticDir: values.static === undefined ? undefined : resolve(io.cwd, values.static),
      log: (line) => io.stdout(`${line}\n`),
    });
  } catch (err) {
    io.stderr(`decotel collect: cannot start: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
  const extras = [out === undefined ? '' : `, appending to ${relative(io.cwd, out) || out}`, token === undefined ? '' : ', bearer token required'].join('');
  io.stdout(`decotel collect: listening on ${collector.url} (POST /v1/events, POST /v1/logs, GET /v1/config)${extras}\n`);
  io.stdout(`decotel collect: live view at ${collector.url}/${values.static === undefined ? '' : `, your pages at ${collector.url}/app/`}\n`);
  const why = await waitForStop(io.signal);
  await collector.close();
  io.stdout(`decotel collect: stopped (${why}): ${collector.stats.accepted} event(s), ${collector.stats.duplicates} duplicate(s)\n`);
  return EXIT_OK;
}

/**
 * The browser remote config from the YAML's `browser:` section: `{ config: undefined }` (the
 * defaults) when no file is named and `./telemetry.config.yaml` does not exist; `undefined`
 * after printing the errors of a bad file.
 */
export function loadBrowserConfig(explicit: string | undefined, types: string[] | undefined, io: CliIo): { config?: BrowserRemoteConfig } | undefined {
  const named = explicit !== undefined || (io.env.TELEMETRY_CONFIG ?? '').trim() !== '';
  if (!named && !existsSync(resolve(io.cwd, DEFAULT_CONFIG_FILE))) return {};
  // The file's own `enabled` decides disable_telemetry, not this machine's DO_NOT_TRACK.
  const env = { ...io.env, DO_NOT_TRACK: undefined, TELEMETRY_ENABLED: undefined };
  const { label, config } = readCliConfig(explicit, types, io, env);
  if (config === undefined) {
    io.stderr(`decotel collect: fix ${label} first (decotel validate ${label})\n`);
    return undefined;
  }
  return { config: { disableTelemetry: !config.enabled, ...config.browser } };
}

function integerArg(value: string | undefined, fallback: number, min: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && n >= min && n <= max ? n : undefined;
}

/** Resolves with what stopped it: SIGINT, SIGTERM or the abort of `signal`. */
function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const stop = (why: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    const onAbort = (): void => stop('stopped');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted === true) stop('stopped');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
