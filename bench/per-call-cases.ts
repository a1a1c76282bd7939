// The per-call cases of issue #10 §1. Each case has its own slice function (a loop over `n`
// calls) written out by hand: a shared loop would share V8's type feedback between cases and
// measure a polymorphic call site instead of the case.
import { context, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MemoryDestination, TrackDuration, telemetry } from 'decotel';

/** One case: a slice runs `n` calls and returns a value the caller keeps (so nothing is dead code). */
export interface Case {
  id: string;
  label: string;
  /** `sync` cases subtract `bare`, `async` cases subtract `bare-async`. */
  kind: 'sync' | 'async';
  slice(n: number): number | Promise<number>;
  /** Run after each slice, untimed. */
  afterSlice?(): void;
}

/** An exporter that discards: the cost measured is OpenTelemetry's own, not an exporter's. */
class DiscardExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Ring buffer of the hand-written minimum. */
const RING_SIZE = 1024;
/**
 * The memory destination holds every event of a slice (512 calls, two events each) and is
 * cleared after each slice, untimed: like the ring buffer (which overwrites without counting),
 * it never evicts, so that eviction accounting (a `queue_full` drop per event) is not measured.
 */
const MEMORY_EVENTS = 4096;

/** Sets up decotel (one memory destination for `routed.*`) and OpenTelemetry, and returns the cases. */
export function createCases(): Case[] {
  telemetry.reset();
  const memory = new MemoryDestination({ name: 'bench-memory', maxEvents: MEMORY_EVENTS });
  telemetry.addDestination(memory, { events: ['routed.*'] });
  const clearMemory = (): void => memory.clear();

  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new DiscardExporter())] });
  trace.setGlobalTracerProvider(provider);
  const tracer = trace.getTracer('bench');

  class Bare {
    work(x: number): number {
      return x + 1;
    }
  }
  class BareAsync {
    async work(x: number): Promise<number> {
      return x + 1;
    }
  }

  const ring: Array<{ name: string; durationNs: bigint } | undefined> = new Array(RING_SIZE);
  let ringPos = 0;
  class Hand {
    work(x: number): number {
      const start = process.hrtime.bigint();
      const result = x + 1;
      const end = process.hrtime.bigint();
      ring[ringPos] = { name: 'hand.work', durationNs: end - start };
      ringPos = (ringPos + 1) & (RING_SIZE - 1);
      return result;
    }
  }

  class Unrouted {
    @TrackDuration('unrouted.sync')
    work(x: number): number {
      return x + 1;
    }
  }
  class RoutedSync {
    @TrackDuration('routed.sync')
    work(x: number): number {
      return x + 1;
    }
  }
  // One event a call (the completed one, with its duration), as the hand-written minimum and a span record.
  class RoutedSyncOne {
    @TrackDuration('routed.one', { started: false })
    work(x: number): number {
      return x + 1;
    }
  }
  class RoutedAsync {
    @TrackDuration('routed.async')
    async work(x: number): Promise<number> {
      return x + 1;
    }
  }

  // What an OpenTelemetry method decorator does: an active span around the call, ended when it settles.
  class OtelSync {
    work(x: number): number {
      return tracer.startActiveSpan('OtelSync.work', (span: Span) => {
        try {
          return x + 1;
        } finally {
          span.end();
        }
      });
    }
  }
  const asyncBody = async (x: number): Promise<number> => x + 1;
  class OtelAsync {
    work(x: number): Promise<number> {
      return tracer.startActiveSpan('OtelAsync.work', (span: Span) =>
        asyncBody(x).then(
          (v) => {
            span.end();
            return v;
          },
          (err: unknown) => {
            span.end();
            throw err;
          },
        ),
      );
    }
  }

  const bare = new Bare();
  const bareAsync = new BareAsync();
  const hand = new Hand();
  const unrouted = new Unrouted();
  const routedSync = new RoutedSync();
  const routedSyncOne = new RoutedSyncOne();
  const routedAsync = new RoutedAsync();
  const otelSync = new OtelSync();
  const otelAsync = new OtelAsync();

  return [
    {
      id: 'bare', label: 'bare method', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += bare.work(i); return acc; },
    },
    {
      id: 'hand', label: 'hand-written minimum', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += hand.work(i); return acc; },
    },
    {
      id: 'unrouted', label: 'decotel @TrackDuration, unrouted', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += unrouted.work(i); return acc; },
    },
    {
      id: 'routed-sync', label: 'decotel @TrackDuration → memory, sync (started+completed)', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += routedSync.work(i); return acc; },
      afterSlice: clearMemory,
    },
    {
      id: 'routed-sync-one', label: 'decotel @TrackDuration({started:false}) → memory, sync', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += routedSyncOne.work(i); return acc; },
      afterSlice: clearMemory,
    },
    {
      id: 'otel-sync', label: 'OTel startActiveSpan+end, sync', kind: 'sync',
      slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += otelSync.work(i); return acc; },
    },
    {
      id: 'bare-async', label: 'bare async method', kind: 'async',
      async slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += await bareAsync.work(i); return acc; },
    },
    {
      id: 'routed-async', label: 'decotel @TrackDuration → memory, async (started+completed)', kind: 'async',
      async slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += await routedAsync.work(i); return acc; },
      afterSlice: clearMemory,
    },
    {
      id: 'otel-async', label: 'OTel startActiveSpan+end, async', kind: 'async',
      async slice(n) { let acc = 0; for (let i = 0; i < n; i++) acc += await otelAsync.work(i); return acc; },
    },
  ];
}

/** What the memory destination received and dropped: proves the routed cases recorded, and nothing was evicted. */
export function routedStats(): { received: number; dropped: number } {
  const stats = telemetry.stats().destinations['bench-memory'];
  return { received: stats?.received ?? 0, dropped: Object.values(stats?.dropped ?? {}).reduce((a, b) => a + (b ?? 0), 0) };
}
