/**
 * A process that uses the `http` destination with a spool, for the crash tests: bundled with
 * esbuild at test time and killed with SIGKILL. Settings come from the environment.
 *   CHILD_URL, CHILD_SPOOL_DIR, CHILD_SESSION   where to send, where to spool, its session id
 *   CHILD_COUNT, CHILD_QUEUE                    events to emit at once, max_queue_size
 */
import { createHttpDestination } from '../../src/destinations/http/create-http-destination.node';
import type { DestinationContext } from '../../src/destinations/destination';
import { makeEvents, TEST_RESOURCE } from './events';

const env = process.env;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const context: DestinationContext = {
  name: 'crash',
  resource: { ...TEST_RESOURCE, sessionId: env.CHILD_SESSION ?? 'child' },
  delivered: (n) => say(`delivered ${n}`),
  dropped: (reason, n) => say(`dropped ${reason} ${n}`),
  retried: () => undefined,
  error: (err) => say(`error ${(err as Error).message}`),
  warn: (message) => say(`warn ${message}`),
};
const destination = createHttpDestination(
  {
    name: 'crash',
    url: env.CHILD_URL,
    batch: { maxSize: 10, maxQueueSize: Number(env.CHILD_QUEUE ?? 100), flushIntervalMs: 50 },
    retry: { maxRetries: 0 },
    timeoutMs: 60_000,
    spoolDir: env.CHILD_SPOOL_DIR,
  },
  context,
);
for (const event of makeEvents(Number(env.CHILD_COUNT ?? 0), 1, { sessionId: context.resource.sessionId })) destination.handle(event);
say('ready');
// Stay alive until killed.
setInterval(() => undefined, 60_000);
