import { resolve } from 'node:path';
import type { DestinationFactory } from '../destination';
import { HttpBatchSink } from './http-batch-sink';
import { spoolOptionsOf, toHttpBatchSinkOptions } from './http-destination';
import { FileSpool } from './spool.node';

/**
 * The `http` destination type of the Node platform (DESIGN.md §7): an {@link HttpBatchSink},
 * with a file spool under `spoolDir` (relative to the working directory) when one is set.
 * Register it as `registerDestinationType('http', createHttpDestination)`.
 * @throws {ConfigError} for invalid options (see `toHttpBatchSinkOptions`).
 */
export const createHttpDestination: DestinationFactory = (options, context) => {
  const sinkOptions = toHttpBatchSinkOptions(options, context);
  const { dir, maxBytes } = spoolOptionsOf(options);
  if (dir === undefined) return new HttpBatchSink(sinkOptions);
  const spool = new FileSpool({
    dir: resolve(dir),
    sessionId: context.resource.sessionId,
    maxBytes,
    onError: (err) => context.error(err),
  });
  return new HttpBatchSink({ ...sinkOptions, spool });
};
