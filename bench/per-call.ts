// Per-call cost (issue #10 §1). `--mode=time`: the cases in a seeded shuffled order, round after
// round, each timed over slices of SLICE_CALLS calls; `--mode=alloc` (run with --expose-gc and a
// large new space): bytes allocated per call, from heapUsed deltas with no GC in between.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { Case } from './per-call-cases';
import { createCases, routedStats } from './per-call-cases';
import { emitResult, progress, seededRandom, shuffled, summarize } from './lib/stats';
import type { Summary } from './lib/stats';

/** Calls in one slice: short enough that no loop runs long enough for on-stack replacement to matter. */
const SLICE_CALLS = 512;

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
}
const mode = process.argv.find((a) => a.startsWith('--mode='))?.slice(7) ?? 'time';

let keep = 0; // results of every slice, so that no call is dead code
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `slices` slices of a case and returns ns per call (the event loop runs between slices, untimed). */
async function timeCase(c: Case, slices: number): Promise<number> {
  let total = 0n;
  for (let s = 0; s < slices; s++) {
    const t0 = process.hrtime.bigint();
    const r = c.slice(SLICE_CALLS);
    keep += typeof r === 'number' ? r : await r;
    total += process.hrtime.bigint() - t0;
    c.afterSlice?.();
    await yieldToLoop();
  }
  return Number(total) / (slices * SLICE_CALLS);
}

async function runTimed(): Promise<void> {
  const rounds = arg('rounds', 15);
  const slices = arg('slices', 40);
  const seed = arg('seed', 10);
  const random = seededRandom(seed);
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const cases = createCases().filter((c) => only === undefined || only.includes(c.id));
  progress(`warm-up (${cases.length} cases)`);
  for (let w = 0; w < 3; w++) for (const c of shuffled(cases, random)) await timeCase(c, slices);
  const perRound: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.id, []]));
  const orders: string[][] = [];
  for (let r = 0; r < rounds; r++) {
    const order = shuffled(cases, random);
    orders.push(order.map((c) => c.id));
    for (const c of order) perRound[c.id].push(await timeCase(c, slices));
    progress(`round ${r + 1}/${rounds}`);
  }
  emitResult({
    kind: 'per-call-time',
    seed, rounds, slices, sliceCalls: SLICE_CALLS,
    perRound,
    orders,
    routed: routedStats(),
    keep: keep % 7,
  });
}

/** Start times (performance.now()) of the garbage collections seen so far. */
const gcStarts: number[] = [];
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** Bytes allocated per call by `c`, or NaN when a GC could not be avoided. */
async function bytesPerCall(c: Case, gc: () => void): Promise<{ bytes: number; calls: number }> {
  for (let calls = 20 * SLICE_CALLS; calls >= SLICE_CALLS; calls = Math.floor(calls / 4)) {
    const slices = Math.max(1, Math.round(calls / SLICE_CALLS));
    gc();
    gc();
    const t0 = performance.now();
    const start = process.memoryUsage().heapUsed;
    for (let s = 0; s < slices; s++) {
      const r = c.slice(SLICE_CALLS);
      keep += typeof r === 'number' ? r : await r;
      c.afterSlice?.();
    }
    const end = process.memoryUsage().heapUsed;
    const t1 = performance.now();
    await settle(); // the observer gets its entries a little later
    if (!gcStarts.some((t) => t >= t0 && t <= t1)) return { bytes: (end - start) / (slices * SLICE_CALLS), calls: slices * SLICE_CALLS };
  }
  return { bytes: NaN, calls: 0 };
}

async function runAlloc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  const cases = createCases();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  // Warm up (JIT) first: compiling allocates too.
  for (const c of cases) {
    for (let s = 0; s < 200; s++) {
      await c.slice(SLICE_CALLS);
      c.afterSlice?.();
    }
  }
  const repeats = arg('repeats', 5);
  const samples: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.id, []]));
  const calls: Record<string, number> = {};
  for (let r = 0; r < repeats; r++) {
    for (const c of cases) {
      const m = await bytesPerCall(c, gc);
      samples[c.id].push(m.bytes);
      calls[c.id] = m.calls;
    }
  }
  observer.disconnect();
  const summary: Record<string, Summary> = {};
  for (const c of cases) summary[c.id] = summarize(samples[c.id]);
  emitResult({ kind: 'per-call-alloc', samples, summary, calls, keep: keep % 7 });
}

(mode === 'alloc' ? runAlloc() : runTimed()).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
