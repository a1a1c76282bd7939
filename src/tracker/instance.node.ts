import { createNodePlatform } from './node-platform.node';
import { Tracker } from './tracker';

/** The tracker of this process (Node entry): the same object as `Tracker.getInstance()`. */
export const telemetry: Tracker = Tracker.getInstance();
telemetry._usePlatform(createNodePlatform());
