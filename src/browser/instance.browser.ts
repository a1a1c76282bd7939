import { Tracker } from '../tracker/tracker';
import { createBrowserPlatform } from './browser-platform.browser';

/** The tracker of this page (browser entry): the same object as `Tracker.getInstance()`. */
export const telemetry: Tracker = /* @__PURE__ */ browserTracker();

function browserTracker(): Tracker {
  const tracker = Tracker.getInstance();
  // Server-side rendering evaluates the browser entry in Node: leave Node's platform to 'decotel'.
  const inNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!inNode) tracker._usePlatform(createBrowserPlatform());
  return tracker;
}
