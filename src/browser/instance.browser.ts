import { Tracker } from '../tracker/tracker';
import { createBrowserPlatform } from './browser-platform.browser';

/** The tracker of this page (browser entry): the same object as `Tracker.getInstance()`. */
export const telemetry: Tracker = /* @__PURE__ */ browserTracker();

function browserTracker(): Tracker {
  const tracker = Tracker.getInstance();
  tracker._usePlatform(createBrowserPlatform());
  return tracker;
}
