import { ENGINE_HUB_KEY } from './protocol';

/** The in-page engine the worker script registers when it runs as a plain script. */
interface EngineHubLike {
  connect(port: MessagePort): void;
}

/**
 * A port to the engine: the origin's SharedWorker, or, where SharedWorker is missing (older
 * Safari, Chrome on Android, some web views), the same worker script run in this page, with
 * one warning. `onError` is called when the engine cannot start.
 */
export function openEnginePort(workerUrl: string, onError: () => void, warn: (message: string) => void): MessagePort {
  if (typeof SharedWorker === 'function') {
    try {
      const worker = new SharedWorker(workerUrl, { name: 'decotel' });
      worker.addEventListener('error', onError);
      return worker.port;
    } catch {
      // Blocked (CSP, opaque origin): run in the page instead.
    }
  }
  warn('no SharedWorker: telemetry runs in this page');
  const channel = new MessageChannel();
  const g = globalThis as { [ENGINE_HUB_KEY]?: EngineHubLike };
  const connect = (): void => {
    const hub = g[ENGINE_HUB_KEY];
    if (hub === undefined) onError();
    else hub.connect(channel.port2);
  };
  if (g[ENGINE_HUB_KEY] !== undefined || typeof document === 'undefined') connect();
  else {
    const script = document.createElement('script');
    script.src = workerUrl;
    script.onload = connect;
    script.onerror = onError;
    document.head.append(script);
  }
  return channel.port1;
}
