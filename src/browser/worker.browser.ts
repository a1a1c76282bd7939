import { DeliveryEngine } from './delivery-engine.browser';
import { EngineHub } from './engine-hub.browser';
import { EventLog } from './event-log.browser';
import { fetchRemoteConfig } from './fetch-remote-config.browser';
import { ENGINE_HUB_KEY } from './protocol';

/**
 * `decotel/worker` (`dist/decotel-worker.js`): the SharedWorker every tab of an origin
 * connects to. Loaded as a plain script in a page without SharedWorker, it registers the same
 * engine for that page instead (DESIGN.md §8).
 */
const scope = globalThis as unknown as {
  onconnect?: ((e: MessageEvent) => void) | null;
  [ENGINE_HUB_KEY]?: EngineHub;
  SharedWorkerGlobalScope?: unknown;
};

function createHub(): EngineHub {
  return new EngineHub((options, listener) => new DeliveryEngine({ options, listener, openLog: (hooks) => EventLog.open(hooks), fetchConfig: (url) => fetchRemoteConfig(url) }));
}

if (typeof scope.SharedWorkerGlobalScope === 'function' && scope instanceof (scope.SharedWorkerGlobalScope as new () => object)) {
  const hub = createHub();
  scope.onconnect = (e) => hub.connect(e.ports[0]);
} else {
  scope[ENGINE_HUB_KEY] ??= createHub();
}
