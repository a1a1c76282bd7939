import type { TelemetryEvent } from '../tracker/event';
import type { Destination, DestinationContext } from './destination';

/** Options of the `console` destination. */
export interface ConsoleDestinationOptions {
  name: string;
  /** `pretty` is one readable line an event; `json` one JSON object a line. Default: `'pretty'`. */
  format?: 'pretty' | 'json';
  /** Default: `'stderr'`. */
  stream?: 'stderr' | 'stdout';
}

type Write = (line: string) => void;

/** Writes each event as one line to stderr or stdout (the console in the browser). */
export class ConsoleDestination implements Destination {
  readonly name: string;
  readonly type = 'console';
  private readonly _format: 'pretty' | 'json';
  private readonly _write: Write;
  private _context: DestinationContext | undefined;

  constructor(options: ConsoleDestinationOptions) {
    this.name = options.name;
    this._format = options.format ?? 'pretty';
    this._write = pickWriter(options.stream ?? 'stderr');
  }

  bind(context: DestinationContext): void {
    this._context = context;
  }

  handle(event: TelemetryEvent): void {
    this._write(this._format === 'json' ? JSON.stringify(event) : formatPretty(event));
    this._context?.delivered(1);
  }
}

const LEVEL_LABEL = { debug: 'DEBUG', info: 'INFO ', warning: 'WARN ', error: 'ERROR', critical: 'CRIT ' } as const;

/** One line: time, level, name, duration, status, error, properties and context. Never multi-line. */
export function formatPretty(event: TelemetryEvent): string {
  let line = `${event.timestamp} ${LEVEL_LABEL[event.severity]} ${event.name}`;
  if (event.durationMs !== undefined) line += ` ${event.durationMs.toFixed(1)}ms`;
  if (event.error) line += ` ${event.error.type}: ${event.error.message}`;
  if (Object.keys(event.properties).length > 0) line += ` ${JSON.stringify(event.properties)}`;
  const ctx = Object.entries(event.context);
  if (ctx.length > 0) line += ` ${ctx.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`;
  return line.replace(/[\r\n]+/g, '\\n');
}

function pickWriter(stream: 'stderr' | 'stdout'): Write {
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown }; stdout?: { write(s: string): unknown } } }).process;
  const target = proc?.[stream];
  if (target && typeof target.write === 'function') return (line) => void target.write(`${line}\n`);
  return stream === 'stderr' ? (line) => console.error(line) : (line) => console.log(line);
}
