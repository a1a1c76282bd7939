// Outage and bursts (issue #10 §3). `--phase=outage`: the receiver goes down for `--outage-ms`
// (default 30 000) while 50 000 events are tracked at an even pace; reports the sender's peak
// RSS, drops by reason, and the cost of track() during the outage against the same pace while
// healthy. `--phase=burst` / `burst-spool` / `burst-otel`: 100 000 events in one synchronous
// loop at default settings (decotel without and with `spool_dir`, OpenTelemetry's defaults).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetry } from 'decotel';
import { Receiver } from './lib/receiver-client';
import { decotelSender, otelSender } from './lib/senders';
import type { Sender } from './lib/senders';
import { emitResult, progress, rounded, summarize } from './lib/stats';

/** The producer records a chunk of events every TICK_MS during the paced phases. */
const TICK_MS = 20;
/** The http destination's default `batch.max_queue_size` (DESIGN.md §6). */
const DEFAULT_QUEUE = 10_000;
/**
 * Every PROBE_EVERY-th tick records PROBE_CALLS events in one timed loop instead of the tick's
 * chunk: a warm, steady per-call cost (a small chunk after 20 ms of idling mostly measures cold
 * caches). Probes count toward the events of the phase. Each probe is paired with a control
 * probe, in alternating order: as many `probe.*` events, tracked into a second http destination
 * whose receiver never goes down. The machine's load drifts over a 30 s outage; the ratio of a
 * probe to its control, taken a few milliseconds apart, does not.
 */
const PROBE_EVERY = 25;
const PROBE_CALLS = 256;

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): number => bytes / 2 ** 20;

function dropCount(dropped: Partial<Record<string, number>> | undefined): number {
  return Object.values(dropped ?? {}).reduce((a: number, b) => a + (b ?? 0), 0);
}

/** Counts console.warn calls (the sink's one warning per burst of drops). */
function countWarnings(): { count: number; last: string } {
  const seen = { count: 0, last: '' };
  console.warn = (...args: unknown[]) => {
    seen.count++;
    seen.last = args.map(String).join(' ');
  };
  return seen;
}

interface PacedResult {
  /** ns per call of each probe. */
  probeNs: number[];
  /** ns per call of each control probe, and each probe's ratio to its control. */
  controlNs: number[];
  ratio: number[];
  /** ns per call of each ordinary chunk. */
  chunkNs: number[];
  peakRss: number;
  maxInQueue: number;
  rssWhenFull?: number;
}

/** Times `n` track() calls of events only the control destination takes; ns per call. */
function controlProbe(n: number): number {
  const t0 = process.hrtime.bigint();
  for (let j = 0; j < n; j++) telemetry.track('probe.control', { i: j, kind: 'bench', ok: true });
  return Number(process.hrtime.bigint() - t0) / n;
}

/** Events per ordinary tick so that `total` events, probes included, take `durationMs`. */
function perTickFor(total: number, durationMs: number): number {
  const ticks = Math.floor(durationMs / TICK_MS);
  const probes = Math.floor(ticks / PROBE_EVERY);
  return Math.max(1, Math.ceil((total - probes * PROBE_CALLS) / Math.max(1, ticks - probes)));
}

/** Tracks `total` events, a chunk every TICK_MS (a probe every PROBE_EVERY ticks), timing each; samples RSS. */
async function paced(sender: Sender, from: number, total: number, perTick: number): Promise<PacedResult> {
  const out: PacedResult = { probeNs: [], controlNs: [], ratio: [], chunkNs: [], peakRss: process.memoryUsage().rss, maxInQueue: 0 };
  const start = performance.now();
  for (let done = 0, tick = 0; done < total; tick++) {
    const probe = tick % PROBE_EVERY === PROBE_EVERY - 1;
    const n = Math.min(probe ? PROBE_CALLS : perTick, total - done);
    const controlFirst = probe && out.probeNs.length % 2 === 1;
    const control = controlFirst ? controlProbe(n) : 0;
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < n; j++) sender.record(from + done + j);
    const ns = Number(process.hrtime.bigint() - t0) / n;
    if (probe) {
      const c = controlFirst ? control : controlProbe(n);
      out.probeNs.push(ns);
      out.controlNs.push(c);
      out.ratio.push(ns / c);
    } else out.chunkNs.push(ns);
    done += n;
    const rss = process.memoryUsage().rss;
    out.peakRss = Math.max(out.peakRss, rss);
    const inQueue = sender.inQueue();
    out.maxInQueue = Math.max(out.maxInQueue, inQueue);
    if (out.rssWhenFull === undefined && inQueue >= DEFAULT_QUEUE) out.rssWhenFull = rss;
    // Keep the pace against the clock, not against the work done.
    await sleep(Math.max(0, start + (tick + 1) * TICK_MS - performance.now()));
  }
  return out;
}

async function outage(): Promise<void> {
  const outageMs = arg('outage-ms', 30_000);
  const outageEvents = arg('events', 50_000);
  const healthyMs = arg('healthy-ms', 5_000);
  const perTick = perTickFor(outageEvents, outageMs);
  const warnings = countWarnings();
  const receiver = await Receiver.start();
  const controlReceiver = await Receiver.start();
  const sender = decotelSender(receiver.url, 'json', {}, {}, { control: { type: 'http', url: `${controlReceiver.url}/v1/logs`, events: ['probe.*'] } });
  const healthyTicks = Math.floor(healthyMs / TICK_MS);
  const healthyProbes = Math.floor(healthyTicks / PROBE_EVERY);
  const healthyEvents = (healthyTicks - healthyProbes) * perTick + healthyProbes * PROBE_CALLS;
  progress(`outage: healthy ${healthyMs} ms (${healthyEvents} events), then down ${outageMs} ms (${outageEvents} events: ${perTick} every ${TICK_MS} ms, ${PROBE_CALLS} every ${PROBE_EVERY} ticks)`);
  // Warm-up (JIT, connections), not measured: as many events as the healthy phase, at full speed.
  for (let i = 0; i < healthyEvents; i += perTick) {
    for (let j = i; j < Math.min(healthyEvents, i + perTick); j++) sender.record(-1 - j);
    await new Promise((resolve) => setImmediate(resolve));
    while (sender.inQueue() > DEFAULT_QUEUE / 2) await sleep(1);
  }
  await sender.drain();
  const warmed = (await receiver.stats()).unique;
  const droppedInWarmUp = dropCount(sender.stats()?.dropped);
  const rssStart = process.memoryUsage().rss;
  const healthy = await paced(sender, 0, healthyEvents, perTick);
  await sender.drain();
  const afterHealthy = await receiver.stats();
  const rssBeforeOutage = process.memoryUsage().rss;
  await receiver.down();
  const down = await paced(sender, healthyEvents, outageEvents, perTick);
  const statsAtEnd = sender.stats();
  await receiver.up();
  const t0 = performance.now();
  await sender.drain();
  const got = await receiver.settle(warmed + healthyEvents + outageEvents, 500, 60_000);
  const recoveryMs = performance.now() - t0;
  const final = sender.stats();
  const controlStats = telemetry.stats().destinations.control;
  await sender.close();
  receiver.stop();
  controlReceiver.stop();
  const droppedTotal = dropCount(final?.dropped) - droppedInWarmUp;
  emitResult({
    kind: 'outage',
    droppedInWarmUp,
    outageMs, outageEvents, healthyEvents, perTick, tickMs: TICK_MS,
    trackNs: { healthy: rounded(summarize(healthy.probeNs)), outage: rounded(summarize(down.probeNs)) },
    chunkNs: { healthy: rounded(summarize(healthy.chunkNs)), outage: rounded(summarize(down.chunkNs)) },
    controlNs: { healthy: rounded(summarize(healthy.controlNs)), outage: rounded(summarize(down.controlNs)) },
    toControl: { healthy: rounded(summarize(healthy.ratio), 3), outage: rounded(summarize(down.ratio), 3) },
    controlDropped: controlStats?.dropped ?? {},
    probe: { every: PROBE_EVERY, calls: PROBE_CALLS },
    rssMiB: { start: mib(rssStart), healthyPeak: mib(healthy.peakRss), beforeOutage: mib(rssBeforeOutage), outagePeak: mib(down.peakRss), whenQueueFull: down.rssWhenFull === undefined ? null : mib(down.rssWhenFull), maxRss: process.resourceUsage().maxRSS / 1024 },
    maxInQueue: down.maxInQueue,
    deliveredHealthy: afterHealthy.unique - warmed,
    delivered: got.unique - warmed,
    lost: healthyEvents + outageEvents - (got.unique - warmed),
    droppedAtOutageEnd: statsAtEnd?.dropped ?? {},
    dropped: final?.dropped ?? {},
    accounted: got.unique - warmed + droppedTotal === healthyEvents + outageEvents,
    retried: final?.retried ?? 0,
    warnings: warnings.count,
    recoveryMs,
  });
}

async function burst(phase: string): Promise<void> {
  const total = arg('events', 100_000);
  const warnings = countWarnings();
  const receiver = await Receiver.start();
  const spoolDir = phase === 'burst-spool' ? mkdtempSync(join(tmpdir(), 'decotel-bench-spool-')) : undefined;
  const sender = phase === 'burst-otel' ? otelSender(receiver.url) : decotelSender(receiver.url, 'json', {}, spoolDir === undefined ? {} : { spool_dir: spoolDir });
  const t0 = performance.now();
  for (let i = 0; i < total; i++) sender.record(i);
  const burstMs = performance.now() - t0;
  const peakAfterBurst = process.memoryUsage().rss;
  // The spool is replayed batch by batch and on the flush timer (10 s by default): drain until
  // everything arrived, or nothing more arrived for longer than one flush interval.
  let got = await receiver.stats();
  const deadline = Date.now() + arg('spool-timeout-ms', 90_000);
  for (let quietSince = Date.now(); ; ) {
    await sender.drain();
    const next = await receiver.settle(total, 300, 15_000);
    if (next.unique > got.unique) quietSince = Date.now();
    got = next;
    if (phase !== 'burst-spool' || got.unique >= total || Date.now() > deadline || Date.now() - quietSince > 12_000) break;
    await sleep(500);
  }
  const elapsedMs = performance.now() - t0;
  const drops = sender.drops();
  const droppedTotal = Object.values(drops).reduce((a, b) => a + b, 0);
  await sender.close();
  receiver.stop();
  if (spoolDir !== undefined) rmSync(spoolDir, { recursive: true, force: true });
  progress(`${phase}: ${got.unique}/${total} delivered, dropped ${JSON.stringify(drops)}, ${warnings.count} warning(s)`);
  emitResult({
    kind: 'burst',
    phase,
    total,
    delivered: got.unique,
    duplicates: got.events - got.unique,
    lost: total - got.unique,
    dropped: drops,
    // Every event is either delivered or counted as dropped, exactly (OpenTelemetry keeps no count we can read).
    accounted: phase === 'burst-otel' ? null : got.unique + droppedTotal === total,
    warnings: warnings.count,
    warning: warnings.last,
    burstMs,
    elapsedMs,
    rssAfterBurstMiB: mib(peakAfterBurst),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  });
}

const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice(8) ?? 'outage';
(phase === 'outage' ? outage() : burst(phase)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
