import { randomUuid } from '../browser/random-uuid';
import type * as NodeIds from './ids';

/**
 * Ids in browser builds (scripts/browser-build.cjs takes this module for ids.ts): the logger's
 * `randomUuid`, which every page carries anyway, rather than Node's pooled generator, a
 * server's hot-path tuning (issue #10) that would add its own bytes to a page (DESIGN.md §8).
 * Also on pages served over plain http, where `crypto.randomUUID` is missing.
 */
export const randomId: typeof NodeIds.randomId = randomUuid;

/** {@link randomId}: a page makes few events, and one generator is smaller than two. */
export const fastRandomId: typeof NodeIds.fastRandomId = randomUuid;
