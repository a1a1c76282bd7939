import { createBrowserPlatform } from '../browser/browser-platform.browser';
import type * as NodeDefault from './default-platform';
import type { Platform } from './platform';

let instance: Platform | undefined;

/**
 * The platform of a tracker created in a browser build (scripts/browser-build.cjs takes this
 * module for default-platform.ts): the browser platform from the start, rather than a default
 * one that `decotel/browser` would replace at once.
 */
export const defaultPlatform: typeof NodeDefault.defaultPlatform = () => (instance ??= createBrowserPlatform());
