import type * as NodeCleanPlain from './clean-plain';

/**
 * The fast path of `PrivacyPolicy.cleanRecord` in browser builds (scripts/browser-build.cjs takes
 * this module for clean-plain.ts): none. The general walk gives the same records
 * (__tests__/tracker/privacy-fast-path.test.ts); the fast path is a server's hot-path tuning
 * (issue #10) that a page need not carry (DESIGN.md §8).
 */
export const cleanPlainRecord: typeof NodeCleanPlain.cleanPlainRecord = () => undefined;
