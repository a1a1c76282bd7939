import type { PrivacyConfig } from '../config/config-types';
import { cleanPlainRecord } from './clean-plain';
import type { KeyKind } from './privacy-limits';
import { KEY_HASH, KEY_PLAIN, KEY_REDACT, MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_OBJECT_KEYS, MAX_STRING_LENGTH, REDACTED } from './privacy-limits';
import { scrubString } from './scrub';

export { MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_OBJECT_KEYS, MAX_STRING_LENGTH, REDACTED, truncate } from './privacy-limits';

/**
 * Characters past the cut that are still scrubbed, so that a secret straddling the cut is
 * recognized whole and not left half visible.
 */
const SCRUB_OVERLAP_CHARS = 512;

/** Distinct keys whose redact / hash decision is cached before the cache is cleared. */
const KEY_CACHE_MAX = 1_000;

/** A synchronous SHA-256 returning lower-case hex; the platform provides it. */
export type HashFn = (input: string) => string;

/**
 * The privacy stage: makes any value safe to serialize (cycles, BigInt, symbols, functions,
 * throwing getters), bounded in size, with secrets redacted, chosen keys hashed and free text
 * scrubbed. It never throws.
 */
export class PrivacyPolicy {
  readonly includeStack: boolean;
  private readonly _redact: ReadonlySet<string>;
  private readonly _hashKeys: ReadonlySet<string>;
  private readonly _salt: string;
  private readonly _scrub: boolean;
  private readonly _hash: HashFn | undefined;
  private readonly _keyKinds = new Map<string, KeyKind>();

  constructor(config: PrivacyConfig, hash: HashFn | undefined) {
    this._redact = new Set(config.redactKeys.map(normalizeKey));
    this._hashKeys = new Set(config.hashKeys.map(normalizeKey));
    this._salt = config.hashSalt;
    this._scrub = config.scrubStrings;
    this.includeStack = config.includeStack;
    this._hash = hash;
  }

  /** A cleaned copy of a record (properties or context). */
  cleanRecord(record: Record<string, unknown> | undefined): Record<string, unknown> {
    if (record === undefined || record === null) return {};
    const fast = cleanPlainRecord(this, record);
    if (fast !== undefined) return fast;
    const out = this._clean(record, 0, []);
    return typeof out === 'object' && out !== null && !Array.isArray(out) ? (out as Record<string, unknown>) : { value: out };
  }

  /** A cleaned copy of any value. */
  clean(value: unknown): unknown {
    return this._clean(value, 0, []);
  }

  /**
   * Scrubs and bounds free text (error messages, stacks). A long string is cut before it is
   * scrubbed, so that a huge value costs no more than a short one.
   */
  cleanString(text: string): string {
    if (text.length <= MAX_STRING_LENGTH) return this._scrub ? scrubString(text) : text;
    const head = this._scrub ? scrubString(text.slice(0, MAX_STRING_LENGTH + SCRUB_OVERLAP_CHARS)) : text;
    return `${head.slice(0, MAX_STRING_LENGTH)}…[truncated ${text.length - MAX_STRING_LENGTH} chars]`;
  }

  /**
   * First 16 hex characters of SHA-256(salt + value); redacted on a platform without SHA-256
   * (a page without `withConfigValidation()`, which cannot configure hash keys anyway).
   */
  hashValue(value: unknown): string {
    if (this._hash === undefined) return REDACTED;
    const text = typeof value === 'string' ? value : safeJson(value);
    return this._hash(this._salt + text).slice(0, 16);
  }

  /** @internal Whether a key is redacted, hashed or kept: cached, since `normalizeKey` allocates. */
  _keyKind(key: string): KeyKind {
    let kind = this._keyKinds.get(key);
    if (kind === undefined) {
      const lower = normalizeKey(key);
      kind = this._redact.has(lower) ? KEY_REDACT : this._hashKeys.has(lower) ? KEY_HASH : KEY_PLAIN;
      if (this._keyKinds.size >= KEY_CACHE_MAX) this._keyKinds.clear();
      this._keyKinds.set(key, kind);
    }
    return kind;
  }

  /** @internal The general walk (depth and the objects above it, for cycles). */
  _clean(value: unknown, depth: number, ancestors: object[]): unknown {
    switch (typeof value) {
      case 'string':
        return this.cleanString(value);
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'bigint':
        return value.toString();
      case 'symbol':
        return value.toString();
      case 'function':
        return `[Function ${value.name || 'anonymous'}]`;
    }
    if (value === null) return null;
    const obj = value as object;
    if (ancestors.includes(obj)) return '[Circular]';
    if (depth >= MAX_DEPTH) return `[Truncated: deeper than ${MAX_DEPTH} levels]`;
    try {
      if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
      if (obj instanceof Error) return this._cleanError(obj, depth, ancestors);
      if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name}(${obj.byteLength} bytes)]`;
      if (typeof (obj as { toJSON?: unknown }).toJSON === 'function' && !Array.isArray(obj)) {
        return this._clean((obj as { toJSON(): unknown }).toJSON(), depth + 1, [...ancestors, obj]);
      }
      ancestors.push(obj);
      try {
        if (Array.isArray(obj) || obj instanceof Set) return this._cleanArray(Array.from(obj as Iterable<unknown>), depth, ancestors);
        if (obj instanceof Map) return this._cleanEntries(Array.from(obj.keys(), String), (k) => obj.get(k) ?? obj.get(Number(k)), depth, ancestors);
        return this._cleanEntries(Object.keys(obj), (k) => (obj as Record<string, unknown>)[k], depth, ancestors);
      } finally {
        ancestors.pop();
      }
    } catch (err) {
      return `[Unserializable: ${describeThrown(err)}]`;
    }
  }

  private _cleanArray(items: unknown[], depth: number, ancestors: object[]): unknown[] {
    const n = Math.min(items.length, MAX_ARRAY_LENGTH);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this._clean(items[i], depth + 1, ancestors);
    if (items.length > n) out.push(`…[truncated ${items.length - n} items]`);
    return out;
  }

  private _cleanEntries(keys: string[], get: (k: string) => unknown, depth: number, ancestors: object[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const n = Math.min(keys.length, MAX_OBJECT_KEYS);
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      let raw: unknown;
      try {
        raw = get(key);
      } catch (err) {
        out[key] = `[Thrown: ${describeThrown(err)}]`;
        continue;
      }
      const kind = this._keyKind(key);
      if (kind === KEY_REDACT) out[key] = raw === undefined || raw === null ? raw : REDACTED;
      else if (kind === KEY_HASH) out[key] = raw === undefined || raw === null ? raw : this.hashValue(raw);
      else out[key] = this._clean(raw, depth + 1, ancestors);
    }
    if (keys.length > n) out['…'] = `[truncated ${keys.length - n} keys]`;
    return out;
  }

  private _cleanError(err: Error, depth: number, ancestors: object[]): Record<string, unknown> {
    const out: Record<string, unknown> = { type: err.name, message: this.cleanString(String(err.message)) };
    if (this.includeStack && typeof err.stack === 'string') out.stack = this.cleanString(err.stack);
    const code = (err as { code?: unknown }).code;
    if (code !== undefined) out.code = this._clean(code, depth + 1, ancestors);
    return out;
  }
}

/**
 * Keys compare in any case and with or without `_` / `-`, so that `api_key` also covers
 * `apiKey`, `API-KEY` and `apikey`, the spellings JavaScript objects and headers use.
 */
export function normalizeKey(key: string): string {
  const lower = key.toLowerCase();
  return lower.includes('_') || lower.includes('-') ? lower.replace(/[_-]/g, '') : lower;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A short description of a thrown value that never throws itself. */
export function describeThrown(err: unknown): string {
  try {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } catch {
    return 'unknown';
  }
}
