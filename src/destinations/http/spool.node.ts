import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DecotelError } from '../../errors';
import type { TelemetryEvent } from '../../tracker/event';
import type { EventSpool, SpoolBatch } from './event-spool';
import { currentOwner, isOwnedByLiveProcess, readSpooledEvents, scanSpoolFile } from './spool-file.node';

/**
 * Files of spools open in this process, as `<dir>\0<name>`: a second spool on the same directory
 * and session (two destinations, or a reloaded one) neither shares nor replays them.
 */
const OPEN_IN_PROCESS = new Set<string>();

/** The spool directory holds at most this many bytes by default (50 MiB). */
export const DEFAULT_SPOOL_MAX_BYTES = 50 * 1024 * 1024;

/** Options of {@link FileSpool}. */
export interface FileSpoolOptions {
  /** The spool directory; created when missing. */
  dir: string;
  /** This session's file is `<dir>/<sessionId>.jsonl`. */
  sessionId: string;
  /** Bytes the directory may hold (spool files and `*.corrupt` files); past it new events are refused. Default: 50 MiB. */
  maxBytes?: number;
  /** Faults: `SPOOL_CORRUPT` for a file that cannot be read back, `SPOOL_IO` for I/O errors. */
  onError?: (error: DecotelError) => void;
}

interface Reading {
  name: string;
  offset: number;
  /** Offset just past the last complete line. */
  end: number;
  size: number;
}

/**
 * An append-only JSONL spool: this session appends to `<sessionId>.jsonl` (fsync'd per append);
 * files left by earlier sessions, oldest first, are read back batch by batch and deleted once
 * every batch is acknowledged. When nothing older waits, the session's own file is sealed
 * (renamed `<sessionId>.<n>.jsonl`) so that it can be replayed while the process runs.
 */
export class FileSpool implements EventSpool {
  private readonly _dir: string;
  /** The stem of this spool's file names: the session id, made unique within the process. */
  private readonly _sessionId: string;
  private readonly _maxBytes: number;
  private readonly _onError: (error: DecotelError) => void;
  private _ready: Promise<boolean> | undefined;
  /** Appends, seals and close run one after another. */
  private _chain: Promise<unknown> = Promise.resolve();
  private _handle: FileHandle | undefined;
  private _currentBytes = 0;
  private _totalBytes = 0;
  private _segment = 0;
  private readonly _candidates: string[] = [];
  private _reading: Reading | undefined;
  private _closed = false;

  constructor(options: FileSpoolOptions) {
    this._dir = resolve(options.dir);
    // The id names files: keep it to characters that are safe in a file name and free of dots.
    const stem = options.sessionId.replace(/[^A-Za-z0-9_-]/g, '_') || 'session';
    let name = stem;
    for (let n = 2; OPEN_IN_PROCESS.has(`${this._dir}\0${name}`); n += 1) name = `${stem}-${n}`;
    this._sessionId = name;
    OPEN_IN_PROCESS.add(`${this._dir}\0${name}`);
    this._maxBytes = options.maxBytes ?? DEFAULT_SPOOL_MAX_BYTES;
    this._onError = options.onError ?? (() => undefined);
  }

  append(events: readonly TelemetryEvent[]): Promise<number> {
    return this._serial(() => this._append(events), 0);
  }

  async next(maxEvents: number): Promise<SpoolBatch | undefined> {
    if (!(await this._init())) return undefined;
    for (;;) {
      if (this._closed) return undefined;
      const reading = this._reading ?? (await this._openNext());
      if (reading === undefined) return undefined;
      let read: { events: TelemetryEvent[]; next: number };
      try {
        read = await readSpooledEvents(this._path(reading.name), reading.offset, maxEvents);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this._report('SPOOL_IO', `cannot read spool file ${reading.name}`, err);
        this._reading = undefined;
        continue;
      }
      if (read.events.length === 0) {
        await this._finish(reading);
        continue;
      }
      return {
        events: read.events,
        ack: async () => {
          reading.offset = read.next;
          if (reading.offset >= reading.end) await this._finish(reading);
        },
        release: () => undefined,
      };
    }
  }

  hasPending(): boolean {
    return this._candidates.length > 0 || this._reading !== undefined || this._currentBytes > 0;
  }

  close(): Promise<void> {
    return this._serial(async () => {
      if (this._closed) return;
      this._closed = true;
      OPEN_IN_PROCESS.delete(`${this._dir}\0${this._sessionId}`);
      await this._handle?.close();
      this._handle = undefined;
      // The session is over: what it left is free for the next start to send.
      await rm(this._ownerPath(this._sessionId), { force: true });
    }, undefined);
  }

  private async _append(events: readonly TelemetryEvent[]): Promise<number> {
    if (this._closed || !(await this._init())) return 0;
    let text = '';
    let bytes = 0;
    let stored = 0;
    for (const event of events) {
      let line: string;
      try {
        line = `${JSON.stringify(event)}\n`;
      } catch {
        continue; // cannot be serialised: not stored, counted as lost by the caller
      }
      const size = Buffer.byteLength(line);
      if (this._totalBytes + bytes + size > this._maxBytes) break;
      text += line;
      bytes += size;
      stored += 1;
    }
    if (stored === 0) return 0;
    try {
      const handle = this._handle ?? (await this._openCurrent());
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } catch (err) {
      this._report('SPOOL_IO', `cannot write to spool directory ${this._dir}`, err);
      // Cut a partial write off, so that the next append does not continue a torn line.
      await this._handle?.truncate(this._currentBytes).catch(() => undefined);
      return 0;
    }
    this._currentBytes += bytes;
    this._totalBytes += bytes;
    return stored;
  }

  private async _openCurrent(): Promise<FileHandle> {
    const handle = await open(this._path(`${this._sessionId}.jsonl`), 'a');
    this._handle = handle;
    this._currentBytes = (await handle.stat()).size;
    await writeFile(this._ownerPath(this._sessionId), JSON.stringify(currentOwner()));
    // A new file's name is durable only once its directory is synced (not possible everywhere).
    await open(this._dir, 'r')
      .then((dir) => dir.sync().finally(() => dir.close()))
      .catch(() => undefined);
    return handle;
  }

  /** Makes this session's file a replay candidate; run in the chain. */
  private async _seal(): Promise<void> {
    if (this._currentBytes === 0 || this._closed) return;
    await this._handle?.close();
    this._handle = undefined;
    this._segment += 1;
    const sealed = `${this._sessionId}.${this._segment}.jsonl`;
    try {
      await rename(this._path(`${this._sessionId}.jsonl`), this._path(sealed));
      this._candidates.push(sealed);
      this._currentBytes = 0;
    } catch (err) {
      this._report('SPOOL_IO', `cannot seal spool file ${this._sessionId}.jsonl`, err);
    }
  }

  /** The next file to replay, checked line by line first; a corrupt one is set aside. */
  private async _openNext(): Promise<Reading | undefined> {
    if (this._candidates.length === 0) await this._serial(() => this._seal(), undefined);
    for (let name = this._candidates.shift(); name !== undefined; name = this._candidates.shift()) {
      const path = this._path(name);
      try {
        const scan = await scanSpoolFile(path);
        const size = (await stat(path)).size;
        if (scan.ok) {
          this._reading = { name, offset: 0, end: scan.end, size };
          return this._reading;
        }
        await rename(path, `${path}.corrupt`);
        this._report('SPOOL_CORRUPT', `spool file ${name} is corrupt (line ${scan.line}: ${scan.reason}); renamed to ${name}.corrupt`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // taken by another process
        this._report('SPOOL_CORRUPT', `spool file ${name} cannot be read; it is skipped`, err);
        await rename(path, `${path}.corrupt`).catch(() => undefined);
      }
    }
    return undefined;
  }

  /** Every line of the file is settled: delete it. */
  private async _finish(reading: Reading): Promise<void> {
    this._reading = undefined;
    try {
      await rm(this._path(reading.name), { force: true });
      this._totalBytes = Math.max(0, this._totalBytes - reading.size);
    } catch (err) {
      this._report('SPOOL_IO', `cannot delete delivered spool file ${reading.name}`, err);
    }
  }

  /** Creates the directory and lists what earlier sessions left, once. False when the spool is unusable. */
  private _init(): Promise<boolean> {
    this._ready ??= this._scanDirectory().catch((err: unknown) => {
      this._report('SPOOL_IO', `cannot use spool directory ${this._dir}`, err);
      return false;
    });
    return this._ready;
  }

  private async _scanDirectory(): Promise<boolean> {
    await mkdir(this._dir, { recursive: true });
    const found: Array<{ name: string; mtimeMs: number }> = [];
    for (const name of await readdir(this._dir)) {
      if (name.endsWith('.owner')) {
        // The record of a process that is gone: its files are ours to send now.
        const live = OPEN_IN_PROCESS.has(`${this._dir}\0${name.slice(0, -'.owner'.length)}`) || (await isOwnedByLiveProcess(this._path(name)));
        if (!live) await rm(this._path(name), { force: true });
        continue;
      }
      if (!name.endsWith('.jsonl') && !name.endsWith('.corrupt')) continue;
      const info = await stat(this._path(name)).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      this._totalBytes += info.size;
      if (!name.endsWith('.jsonl')) continue;
      const session = name.slice(0, name.indexOf('.'));
      if (OPEN_IN_PROCESS.has(`${this._dir}\0${session}`) || (await isOwnedByLiveProcess(this._ownerPath(session)))) continue;
      found.push({ name, mtimeMs: info.mtimeMs });
    }
    found.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
    this._candidates.push(...found.map((f) => f.name));
    return true;
  }

  /** Runs `task` after every earlier write; never rejects (`fallback` on a fault). */
  private _serial<T>(task: () => Promise<T>, fallback: T): Promise<T> {
    const run = this._chain.then(task).catch((err: unknown) => {
      this._report('SPOOL_IO', 'spool operation failed', err);
      return fallback;
    });
    this._chain = run;
    return run;
  }

  private _report(code: 'SPOOL_IO' | 'SPOOL_CORRUPT', message: string, cause?: unknown): void {
    const detail = cause === undefined ? '' : `: ${(cause as Error)?.message ?? String(cause)}`;
    try {
      this._onError(new DecotelError({ code, message: `${message}${detail}`, cause }));
    } catch {
      // A throwing listener must not break the spool.
    }
  }

  private _path(name: string): string {
    return join(this._dir, name);
  }

  private _ownerPath(session: string): string {
    return join(this._dir, `${session}.owner`);
  }
}
