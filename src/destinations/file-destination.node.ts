import { createWriteStream, openSync, renameSync, statSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { TelemetryEvent } from '../tracker/event';
import type { Destination, DestinationContext } from './destination';

/** Options of the `file` destination. */
export interface FileDestinationOptions {
  name: string;
  /** The JSONL file events are appended to. */
  path: string;
  /** Past this size the file is renamed `<path>.1` (replacing an older one) and a new one begun. Default: none. */
  maxBytes?: number;
}

/** Appends one JSON event a line through one open stream; rotates at `maxBytes`. */
export class FileDestination implements Destination {
  readonly name: string;
  readonly type = 'file';
  private readonly _path: string;
  private readonly _maxBytes: number;
  private _stream: WriteStream;
  private _bytes: number;
  private _pending = 0;
  private _closed = false;

  private _context: DestinationContext | undefined;

  constructor(options: FileDestinationOptions, context?: DestinationContext) {
    this._context = context;
    this.name = options.name;
    this._path = options.path;
    this._maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this._bytes = sizeOf(this._path);
    this._stream = this._open();
  }

  /** @internal Called by the tracker when the destination is added. */
  bind(context: DestinationContext): void {
    this._context = context;
  }

  handle(event: TelemetryEvent): void {
    if (this._closed) return;
    const line = `${JSON.stringify(event)}\n`;
    const size = Buffer.byteLength(line);
    if (this._bytes > 0 && this._bytes + size > this._maxBytes) this._rotate();
    this._bytes += size;
    this._pending++;
    this._stream.write(line, (err) => {
      this._pending--;
      if (err) this._context?.error(err);
      else this._context?.delivered(1);
    });
  }

  inQueue(): number {
    return this._pending;
  }

  /** Resolves once every line written so far has reached the file. */
  flush(): Promise<void> {
    if (this._closed || this._pending === 0) return Promise.resolve();
    return new Promise((resolve) => this._stream.write('', () => resolve()));
  }

  shutdown(): Promise<void> {
    if (this._closed) return Promise.resolve();
    this._closed = true;
    return new Promise((resolve) => this._stream.end(() => resolve()));
  }

  private _open(): WriteStream {
    // Opened synchronously (at start and at each rotation only), so that a rotation in the
    // middle of a burst finds the file on disk to rename.
    const stream = createWriteStream(this._path, { fd: openSync(this._path, 'a') });
    stream.on('error', (err) => this._context?.error(err));
    return stream;
  }

  private _rotate(): void {
    // Lines still buffered in the old stream land in the renamed file: the descriptor follows it.
    this._stream.end();
    try {
      renameSync(this._path, `${this._path}.1`);
    } catch (err) {
      this._context?.error(err);
    }
    this._bytes = 0;
    this._stream = this._open();
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
