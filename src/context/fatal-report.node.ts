import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, types } from 'node:util';

/** What the report depends on besides the thrown value. */
export interface FatalReportEnv {
  /** Whether Node would colour the error (stderr is a TTY with colours). */
  colors: boolean;
  /** `process.argv0`, for the `--trace-uncaught` hint. */
  argv0: string;
  /** Whether `--trace-uncaught` is on: Node then leaves out its hint. */
  traceUncaught: boolean;
  /** `process.version`. */
  version: string;
  /** The text of a source file, or undefined when it cannot be read. */
  readSource(path: string): string | undefined;
}

const FRAME = /^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
// Node's events.js stores this (unexported) symbol on an unhandled 'error' to add "Emitted 'error' event at:".
const ENHANCER = 'kEnhanceStackBeforeInspector';

/** The environment of this process. */
export function nodeFatalReportEnv(): FatalReportEnv {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return {
    colors: process.stderr.isTTY === true && process.stderr.hasColors?.() === true,
    argv0: process.argv0,
    traceUncaught: /(^|\s)--trace-uncaught(\s|$)/.test(flags),
    version: process.version,
    readSource,
  };
}

/**
 * The text Node prints on stderr when an uncaught exception ends the process (ReportFatalException
 * in node/src/node_errors.cc): the source line with a caret, `util.inspect` of the error, and the
 * Node.js version. The source line is rebuilt from the error's first stack frame, since the throw
 * site is not visible to JavaScript: for a thrown error, the caret goes to that line's `throw`;
 * for a rejection (`fromPromise`), V8 itself takes the first frame, so the rebuilt line is exact.
 * Without a readable frame a thrown error's report goes without its source line, and a
 * rejection's report is undefined: only Node can rebuild it (see global-handlers.node.ts).
 */
export function formatFatalReport(thrown: unknown, env: FatalReportEnv, fromPromise = false): string | undefined {
  const footer = `\nNode.js ${env.version}\n`;
  if (fromPromise && !isRebuildableRejection(thrown)) return undefined;
  if (thrown === null || (typeof thrown !== 'object' && typeof thrown !== 'function')) {
    const hint = env.traceUncaught ? '' : `(Use \`${basename(env.argv0 || 'node', '.exe')} --trace-uncaught ...\` to show where the exception was thrown)\n`;
    return `\n${safeString(thrown)}\n${hint}${footer}`;
  }
  const enhanced = enhanceStack(thrown);
  if (!types.isNativeError(thrown)) return `\n${safeInspect(thrown, env.colors)}\n${footer}`;
  const arrow = enhanced || isDecorated(thrown) ? undefined : sourceArrow(thrown.stack, env.readSource, !fromPromise);
  if (fromPromise && arrow === undefined) return undefined;
  return `${arrow === undefined ? '' : `${arrow}\n`}${safeInspect(thrown, env.colors)}\n${footer}`;
}

/**
 * Node's wrapper of a rejection with a non-error reason: its report points into Node's own
 * source, so only Node can print it, and its stack must stay unread until then (reading `stack`
 * makes V8 forget the frames the report's source line comes from).
 */
export function isRejectionWrapper(thrown: unknown): thrown is Error & { code: string } {
  return types.isNativeError(thrown) && (thrown as { code?: unknown }).code === 'ERR_UNHANDLED_REJECTION';
}

function isRebuildableRejection(thrown: unknown): thrown is Error {
  return types.isNativeError(thrown) && !isRejectionWrapper(thrown);
}

/** `file:line`, the source line and a caret, each ending in a newline; `atThrow` moves the caret to the line's `throw`. */
export function sourceArrow(stack: unknown, read: (path: string) => string | undefined, atThrow: boolean): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frame = stack
    .split('\n')
    .map((line) => FRAME.exec(line))
    .find((m) => m !== null);
  if (frame === undefined) return undefined;
  const [, file, lineText, columnText] = frame as RegExpExecArray;
  const line = read(file)?.split(LINE_BREAK)[Number(lineText) - 1];
  if (line === undefined) return undefined;
  let start = Number(columnText) - 1;
  const throwAt = atThrow ? lastThrow(line.slice(0, start)) : -1;
  if (throwAt >= 0) start = throwAt;
  if (start < 0 || start >= line.length) return `${file}:${lineText}\n${line}\n`;
  let pad = '';
  for (let i = 0; i < start; i++) pad += line[i] === '\t' ? '\t' : ' ';
  return `${file}:${lineText}\n${line}\n${pad}^\n`;
}

function lastThrow(text: string): number {
  let at = -1;
  for (const m of text.matchAll(/\bthrow\b/g)) at = m.index ?? at;
  return at;
}

function readSource(file: string): string | undefined {
  try {
    if (file.startsWith('file://')) return readFileSync(fileURLToPath(file), 'utf8');
    if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return readFileSync(file, 'utf8');
  } catch {
    // unreadable: the report goes without its source line
  }
  return undefined;
}

function enhanceStack(error: object): boolean {
  try {
    const key = Object.getOwnPropertySymbols(error).find((s) => s.description === ENHANCER);
    const enhance = key === undefined ? undefined : (error as Record<symbol, unknown>)[key];
    if (typeof enhance !== 'function') return false;
    (error as { stack?: unknown }).stack = enhance();
    return true;
  } catch {
    return false;
  }
}

// A stack that already starts with `file:line` was decorated by Node (e.g. a SyntaxError from require()).
function isDecorated(error: Error): boolean {
  return typeof error.stack === 'string' && /^(?:\/|file:|node:|[A-Za-z]:\\)[^\n]*:\d+\n/.test(error.stack);
}

function safeInspect(value: object, colors: boolean): string {
  try {
    return inspect(value, { colors, customInspect: false, depth: Math.max(inspect.defaultOptions.depth ?? 2, 5) });
  } catch {
    return safeString(value);
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '<toString() threw exception>';
  }
}
