import { open, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { TelemetryEvent } from '../../tracker/event';

/** Bytes read from a spool file at a time. */
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** What a check of a whole spool file found. */
export type SpoolScan =
  | { ok: true; lines: number; end: number }
  | { ok: false; line: number; reason: string };

/**
 * Calls `visit` with each complete line (ended by `\n`) from byte `from` on, and the offset
 * just past it, until `visit` returns false. A last line without `\n` is a torn write and is
 * never visited. Memory stays at one chunk plus one line.
 */
export async function forEachLine(path: string, from: number, visit: (line: string, end: number) => boolean): Promise<void> {
  const file = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let pos = from; // file offset of carry[0]
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, pos + carry.length);
      if (bytesRead === 0) return;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE, start); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
        const line = data.toString('utf8', start, nl);
        start = nl + 1;
        if (!visit(line, pos + start)) return;
      }
      // Copied: `chunk` is reused by the next read.
      carry = Buffer.from(data.subarray(start));
      pos += start;
    }
  } finally {
    await file.close();
  }
}

/** The event a spool line holds, or `undefined` when the line is not one. */
export function parseSpoolLine(line: string): TelemetryEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const e = value as Partial<TelemetryEvent>;
  return typeof e.id === 'string' && typeof e.name === 'string' ? (value as TelemetryEvent) : undefined;
}

/**
 * Checks every complete line of a spool file. Blank lines are skipped and a torn last line is
 * ignored; any other line that is not an event makes the file corrupt.
 */
export async function scanSpoolFile(path: string): Promise<SpoolScan> {
  let lines = 0;
  let end = 0;
  let bad: { line: number; reason: string } | undefined;
  await forEachLine(path, 0, (line, after) => {
    if (line.trim() !== '' && parseSpoolLine(line) === undefined) {
      bad = { line: lines + 1, reason: 'not an event' };
      return false;
    }
    lines += 1;
    end = after;
    return true;
  });
  return bad !== undefined ? { ok: false, ...bad } : { ok: true, lines, end };
}

/** Up to `max` events from byte `from` on, and the offset after the last one read. */
export async function readSpooledEvents(path: string, from: number, max: number): Promise<{ events: TelemetryEvent[]; next: number }> {
  const events: TelemetryEvent[] = [];
  let next = from;
  await forEachLine(path, from, (line, after) => {
    const event = line.trim() === '' ? undefined : parseSpoolLine(line);
    if (event !== undefined) events.push(event);
    next = after;
    return events.length < max;
  });
  return { events, next };
}

/** Who writes a session's spool file: kept in `<session_id>.owner` while the process runs. */
export interface SpoolOwner {
  pid: number;
  host: string;
}

/** The owner record of this process. */
export function currentOwner(): SpoolOwner {
  return { pid: process.pid, host: hostname() };
}

/**
 * True when `ownerPath` names another live process on this machine: its files are still being
 * written and must not be replayed. A missing or unreadable record, another host, our own pid
 * (a container restarted with the same pid) or a dead pid all mean the files are free.
 */
export async function isOwnedByLiveProcess(ownerPath: string): Promise<boolean> {
  let owner: Partial<SpoolOwner>;
  try {
    owner = JSON.parse(await readFile(ownerPath, 'utf8')) as Partial<SpoolOwner>;
  } catch {
    return false;
  }
  if (typeof owner.pid !== 'number' || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
