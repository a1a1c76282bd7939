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

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): number => bytes / 2 ** 20;

/** Counts console.warn calls (the sink's one warning per burst of drops). */
function countWarnings(): { count: number; last: string } {
  const seen = { count: 0, last: '' };
  console.warn = (...args: unknown[]) => {
    seen.count++;
    seen.last = args.map(String).join(' ');
  };
  return seen;
}

/** Tracks `total` events, `perTick` every TICK_MS, timing each chunk; also samples RSS. */
async function paced(sender: Sender, from: number, total: number, perTick: number): Promise<{ nsPerCall: number[]; peakRss: number; maxInQueue: number; rssWhenFull?: number }> {
  const nsPerCall: number[] = [];
  let peakRss = process.memoryUsage().rss;
  let maxInQueue = 0;
  let rssWhenFull: number | undefined;
  const start = performance.now();
  for (let done = 0, tick = 0; done < total; tick++) {
    const n = Math.min(perTick, total - done);
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < n; j++) sender.record(from + done + j);
    nsPerCall.push(Number(process.hrtime.bigint() - t0) / n);
    done += n;
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    const inQueue = telemetry.stats().destinations.collector?.inQueue ?? 0;
    maxInQueue = Math.max(maxInQueue, inQueue);
    if (rssWhenFull === undefined && inQueue >= DEFAULT_QUEUE) rssWhenFull = rss;
    // Keep the pace against the clock, not against the work done.
    await sleep(Math.max(0, start + (tick + 1) * TICK_MS - performance.now()));
  }
  return { nsPerCall, peakRss, maxInQueue, rssWhenFull };
}

async function outage(): Promise<void> {
  const outageMs = arg('outage-ms', 30_000);
  const outageEvents = arg('events', 50_000);
  const healthyMs = arg('healthy-ms', 5_000);
  const perTick = Math.ceil(outageEvents / (outageMs / TICK_MS));
  const warnings = countWarnings();
  const receiver = await Receiver.start();
  const sender = decotelSender(receiver.url, 'json');
  const healthyEvents = Math.round((healthyMs / TICK_MS) * perTick);
  progress(`outage: healthy ${healthyMs} ms (${healthyEvents} events), then down ${outageMs} ms (${outageEvents} events, ${perTick} every ${TICK_MS} ms)`);
  // Warm-up (JIT, connections), not measured: as many events as the healthy phase, at full speed.
  for (let i = 0; i < healthyEvents; i += perTick) {
    for (let j = i; j < Math.min(healthyEvents, i + perTick); j++) sender.record(-1 - j);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await sender.drain();
  const warmed = (await receiver.stats()).unique;
  const rssStart = process.memoryUsage().rss;
  const healthy = await paced(sender, 0, healthyEvents, perTick);
  await sender.drain();
  const afterHealthy = await receiver.stats();
  const rssBeforeOutage = process.memoryUsage().rss;
  await receiver.down();
  const down = await paced(sender, healthyEvents, outageEvents, perTick);
  const statsAtEnd = telemetry.stats().destinations.collector;
  await receiver.up();
  const t0 = performance.now();
  await sender.drain();
  const got = await receiver.settle(warmed + healthyEvents + outageEvents, 500, 60_000);
  const recoveryMs = performance.now() - t0;
  const final = telemetry.stats().destinations.collector;
  await sender.close();
  receiver.stop();
  const droppedTotal = Object.values(final?.dropped ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  emitResult({
    kind: 'outage',
    outageMs, outageEvents, healthyEvents, perTick, tickMs: TICK_MS,
    trackNs: { healthy: rounded(summarize(healthy.nsPerCall)), outage: rounded(summarize(down.nsPerCall)) },
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
