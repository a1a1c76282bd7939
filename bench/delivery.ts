// Delivery (issue #10 §2): `--scenario=<name>` sends `--events=N` events (default 100 000) to the
// loopback receiver, a separate process, and reports events per second, events lost, the
// sender's peak RSS and its CPU time per delivered event. One scenario per process, so that
// peak RSS and CPU are the scenario's own.
import { emitResult, progress } from './lib/stats';
import { Receiver } from './lib/receiver-client';
import type { Sender } from './lib/senders';
import { decotelSender, handLoop, otelSender } from './lib/senders';

/** Events recorded per turn of the event loop by the producer: an app busy, but not blocking I/O. */
const CHUNK = 100;
/** Raised queues: large enough that no event of the run is dropped. */
const NO_LOSS_QUEUE = 200_000;
/**
 * `-paced` senders: the producer waits while this many batches are queued, as the fetch loop
 * waits for each response. Without it a producer that outruns the network makes the sender hold
 * (and the GC promote and trace) up to all 100 000 events: a cost of the producer, not of delivery.
 */
const PACED_BATCHES = 2;

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function makeSender(scenario: string, url: string): Sender | undefined {
  switch (scenario) {
    case 'decotel-json':
      return decotelSender(url, 'json');
    case 'decotel-otlp':
      return decotelSender(url, 'otlp');
    case 'decotel-json-noloss':
      return decotelSender(url, 'json', { max_queue_size: NO_LOSS_QUEUE });
    case 'decotel-json-paced':
      return decotelSender(url, 'json');
    case 'decotel-json-512':
    case 'decotel-json-512-paced':
      return decotelSender(url, 'json', { max_size: 512, max_queue_size: NO_LOSS_QUEUE });
    case 'otel-default':
      return otelSender(url);
    case 'otel-raised':
      return otelSender(url, { maxQueueSize: NO_LOSS_QUEUE });
    default:
      return undefined;
  }
}

async function main(): Promise<void> {
  const scenario = arg('scenario') ?? 'decotel-json';
  const total = Number(arg('events') ?? 100_000);
  const receiver = await Receiver.start();
  const sender = makeSender(scenario, receiver.url);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (sender === undefined) {
    const batch = Number(/^hand-(\d+)$/.exec(scenario)?.[1] ?? NaN);
    if (!Number.isInteger(batch)) throw new Error(`unknown scenario ${scenario}`);
    await handLoop(receiver.url, total, batch);
  } else {
    const pacedLimit = scenario.endsWith('-paced') ? PACED_BATCHES * (scenario.includes('512') ? 512 : 100) : Infinity;
    for (let i = 0; i < total; i += CHUNK) {
      for (let j = i; j < Math.min(total, i + CHUNK); j++) sender.record(j);
      await new Promise((resolve) => setImmediate(resolve));
      // A timer, not setImmediate, while waiting: a spinning event loop would burn the CPU measured.
      while (sender.inQueue() >= pacedLimit) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await sender.drain();
  }
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const got = await receiver.settle(total, 300, 10_000);
  const drops = sender?.drops() ?? {};
  await sender?.close();
  receiver.stop();
  const delivered = got.unique;
  progress(`${scenario}: ${delivered}/${total} delivered in ${Math.round(elapsedMs)} ms`);
  emitResult({
    kind: 'delivery',
    scenario,
    total,
    delivered,
    received: got.events,
    requests: got.requests,
    bytesPerEvent: got.bytes / Math.max(1, got.events),
    lost: total - delivered,
    elapsedMs,
    eventsPerSec: delivered / (elapsedMs / 1000),
    cpuUs: cpu.user + cpu.system,
    cpuUsPerEvent: (cpu.user + cpu.system) / Math.max(1, delivered),
    rssBeforeMiB: rssBefore / 2 ** 20,
    peakRssMiB: peakRss / 2 ** 20,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    drops,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
