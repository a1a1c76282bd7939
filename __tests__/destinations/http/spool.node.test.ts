import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecotelError } from 'decotel';
import { FileSpool } from '../../../src/destinations/http/spool.node';
import { makeEvent, makeEvents } from '../../helpers/events';

let dir: string;
let errors: DecotelError[];
let opened: FileSpool[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'decotel-spool-'));
  errors = [];
});

afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
  rmSync(dir, { recursive: true, force: true });
});

function spool(sessionId = 'current', maxBytes?: number): FileSpool {
  const s = new FileSpool({ dir, sessionId, maxBytes, onError: (e) => errors.push(e) });
  opened.push(s);
  return s;
}

function line(i: number, session = 'old'): string {
  return `${JSON.stringify(makeEvent(i, { sessionId: session }))}\n`;
}

const files = (): string[] => readdirSync(dir).sort();

describe('FileSpool', () => {
  describe('append()', () => {
    it('appends one JSON event a line to <session_id>.jsonl and records its owner', async () => {
      const s = spool('sess-a');
      await expect(s.append(makeEvents(3))).resolves.toBe(3);
      await expect(s.append([makeEvent(4)])).resolves.toBe(1);
      const lines = readFileSync(join(dir, 'sess-a.jsonl'), 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l).id)).toEqual(makeEvents(4).map((e) => e.id));
      expect(JSON.parse(readFileSync(join(dir, 'sess-a.owner'), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
      expect(s.hasPending()).toBe(true);
      await s.close();
      expect(files()).toEqual(['sess-a.jsonl']);
      await expect(s.append([makeEvent(5)])).resolves.toBe(0);
    });

    it('names its file after a session id made safe for file names', async () => {
      const s = spool('../a.b');
      await s.append([makeEvent(1)]);
      expect(files()).toEqual(['___a_b.jsonl', '___a_b.owner']);
    });

    it('stores only what fits under spool_max_bytes, counting files already there', async () => {
      writeFileSync(join(dir, 'old.jsonl'), line(1));
      const one = Buffer.byteLength(line(1, 'current'));
      const s = spool('current', one * 3 + 10);
      await expect(s.append(makeEvents(5, 1, { sessionId: 'current' }))).resolves.toBe(2);
      await expect(s.append([makeEvent(9, { sessionId: 'current' })])).resolves.toBe(0);
    });

    it('leaves out an event that cannot be serialised', async () => {
      const s = spool();
      await expect(s.append([makeEvent(1), makeEvent(2, { properties: { n: 1n } })])).resolves.toBe(1);
    });

    it('reports SPOOL_IO and stores nothing when its file cannot be written, even if the listener throws', async () => {
      mkdirSync(join(dir, 'blocked.jsonl'));
      const onError = (e: DecotelError): void => {
        errors.push(e);
        throw new Error('listener fault');
      };
      const s = new FileSpool({ dir, sessionId: 'blocked', onError });
      opened.push(s);
      await expect(s.append([makeEvent(1)])).resolves.toBe(0);
      expect(errors.map((e) => e.code)).toEqual(['SPOOL_IO']);
    });

    it('reports SPOOL_IO and stores nothing when the directory cannot be used', async () => {
      const blocked = join(dir, 'a-file');
      writeFileSync(blocked, 'x');
      const s = new FileSpool({ dir: join(blocked, 'spool'), sessionId: 's', onError: (e) => errors.push(e) });
      await expect(s.append([makeEvent(1)])).resolves.toBe(0);
      await expect(s.next(10)).resolves.toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'SPOOL_IO' });
    });
  });

  describe('next()', () => {
    it('reads earlier sessions back oldest first, batch by batch, and deletes each file once acknowledged', async () => {
      writeFileSync(join(dir, 'newer.jsonl'), [3, 4].map((i) => line(i, 'newer')).join(''));
      writeFileSync(join(dir, 'older.jsonl'), [1, 2].map((i) => line(i, 'older')).join(''));
      utimesSync(join(dir, 'older.jsonl'), new Date(1_000_000), new Date(1_000_000));
      const s = spool();
      const a = await s.next(1);
      expect(a?.events.map((e) => e.sequence)).toEqual([1]);
      await a?.ack();
      const b = await s.next(5);
      expect(b?.events.map((e) => e.sequence)).toEqual([2]);
      await b?.ack();
      expect(files()).toEqual(['newer.jsonl']);
      const c = await s.next(5);
      expect(c?.events.map((e) => e.sessionId)).toEqual(['newer', 'newer']);
      await c?.ack();
      expect(files()).toEqual([]);
      await expect(s.next(5)).resolves.toBeUndefined();
      expect(s.hasPending()).toBe(false);
    });

    it('returns a released batch again', async () => {
      writeFileSync(join(dir, 'old.jsonl'), line(1) + line(2));
      const s = spool();
      const first = await s.next(10);
      first?.release();
      const again = await s.next(10);
      expect(again?.events.map((e) => e.id)).toEqual(first?.events.map((e) => e.id));
    });

    it('ignores a torn last line', async () => {
      writeFileSync(join(dir, 'old.jsonl'), `${line(1)}${line(2)}{"id":"x","na`);
      const s = spool();
      const batch = await s.next(10);
      expect(batch?.events.map((e) => e.sequence)).toEqual([1, 2]);
      await batch?.ack();
      expect(files()).toEqual([]);
      expect(errors).toEqual([]);
    });

    it('skips blank lines and deletes a file with no events', async () => {
      writeFileSync(join(dir, 'a.jsonl'), '\n\n');
      writeFileSync(join(dir, 'b.jsonl'), `\n${line(1)}\n`);
      const s = spool();
      const batch = await s.next(10);
      expect(batch?.events.map((e) => e.sequence)).toEqual([1]);
      await batch?.ack();
      await expect(s.next(10)).resolves.toBeUndefined();
      expect(files()).toEqual([]);
    });

    it('renames a corrupt file *.corrupt, reports SPOOL_CORRUPT and goes on with the others', async () => {
      writeFileSync(join(dir, 'bad.jsonl'), `${line(1)}not json at all\n${line(2)}`);
      writeFileSync(join(dir, 'worse.jsonl'), '[1,2]\n');
      writeFileSync(join(dir, 'good.jsonl'), line(3));
      const s = spool();
      const batch = await s.next(10);
      expect(batch?.events.map((e) => e.sequence)).toEqual([3]);
      await batch?.ack();
      await expect(s.next(10)).resolves.toBeUndefined();
      expect(files()).toEqual(['bad.jsonl.corrupt', 'worse.jsonl.corrupt']);
      expect(errors.map((e) => e.code)).toEqual(['SPOOL_CORRUPT', 'SPOOL_CORRUPT']);
      expect(errors.map((e) => e.message).join(' ')).toContain('line 2');
    });

    it('reports a spool file that cannot be read and sets it aside', async () => {
      writeFileSync(join(dir, 'gone.jsonl'), line(1));
      writeFileSync(join(dir, 'weird.jsonl'), line(2));
      const s = spool();
      // Listing happens first; then one file vanishes and the other becomes a directory.
      await s.append([]);
      rmSync(join(dir, 'gone.jsonl'));
      rmSync(join(dir, 'weird.jsonl'));
      mkdirSync(join(dir, 'weird.jsonl'));
      await expect(s.next(10)).resolves.toBeUndefined();
      expect(errors.map((e) => e.code)).toEqual(['SPOOL_CORRUPT']);
      expect(files()).toEqual(['weird.jsonl.corrupt']);
    });

    it('seals its own file when nothing older waits, and keeps appending to a fresh one', async () => {
      const s = spool('me');
      await s.append(makeEvents(2));
      const batch = await s.next(10);
      expect(batch?.events).toHaveLength(2);
      expect(files()).toEqual(['me.1.jsonl', 'me.owner']);
      await s.append([makeEvent(3)]);
      await batch?.ack();
      expect(files()).toEqual(['me.jsonl', 'me.owner']);
      const next = await s.next(10);
      expect(next?.events.map((e) => e.sequence)).toEqual([3]);
      await next?.ack();
      expect(s.hasPending()).toBe(false);
      await s.close();
      expect(files()).toEqual([]);
    });

    it('gives a second spool of the same session in this process files of its own, and leaves the first one\'s alone', async () => {
      const first = spool('same');
      await first.append([makeEvent(1)]);
      const second = spool('same');
      await second.append([makeEvent(2)]);
      expect(files()).toEqual(['same-2.jsonl', 'same-2.owner', 'same.jsonl', 'same.owner']);
      const third = spool('other');
      await expect(third.next(10)).resolves.toBeUndefined();
      expect(files()).toContain('same.owner');
      await first.close();
      const fourth = spool('later');
      const batch = await fourth.next(10);
      expect(batch?.events.map((e) => e.sequence)).toEqual([1]);
    });

    it('leaves alone the files of another live process and takes those of a dead one', async () => {
      writeFileSync(join(dir, 'alive.jsonl'), line(1, 'alive'));
      writeFileSync(join(dir, 'alive.owner'), JSON.stringify({ pid: process.ppid, host: hostname() }));
      writeFileSync(join(dir, 'dead.jsonl'), line(2, 'dead'));
      writeFileSync(join(dir, 'dead.owner'), JSON.stringify({ pid: 2 ** 22 + 12_345, host: hostname() }));
      writeFileSync(join(dir, 'elsewhere.jsonl'), line(3, 'elsewhere'));
      writeFileSync(join(dir, 'elsewhere.owner'), JSON.stringify({ pid: process.ppid, host: 'another-host' }));
      const s = spool();
      const sessions: string[] = [];
      for (let b = await s.next(10); b !== undefined; b = await s.next(10)) {
        sessions.push(...b.events.map((e) => e.sessionId));
        await b.ack();
      }
      expect(sessions.sort()).toEqual(['dead', 'elsewhere']);
      expect(files()).toEqual(['alive.jsonl', 'alive.owner']);
    });
  });
});
