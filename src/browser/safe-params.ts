import { DEFAULT_REDACT_KEYS } from '../config/config-types';
import { MAX_ARRAY_LENGTH, MAX_DEPTH, REDACTED, truncate } from '../tracker/privacy-limits';

const REDACT = new Set(DEFAULT_REDACT_KEYS);

/**
 * A copy of `params` that `postMessage` can clone and `JSON.stringify` can write: functions,
 * symbols and `undefined` are left out, DOM nodes become `'[NODE_NAME]'`, cycles
 * `'[Circular]'`, BigInts strings, what has `toJSON` (Dates, URLs) its JSON, Errors `{ type, message }`; the default
 * secret keys (`password`, `token`, …) are `'[REDACTED]'`, and sizes are bounded as in §6.
 * Never throws. A non-object becomes `{ value }`.
 */
export function toSafeParams(params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  const out = safe(params, 0, []);
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? (out as Record<string, unknown>) : { value: out };
}

function safe(value: unknown, depth: number, seen: object[]): unknown {
  switch (typeof value) {
    case 'string':
      return truncate(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  const obj = value as Record<string, unknown>;
  if (seen.includes(obj)) return '[Circular]';
  if (obj instanceof Error) return { type: obj.name, message: safe(obj.message, depth, seen) };
  if (typeof Node === 'function' && obj instanceof Node) return `[${obj.nodeName}]`;
  if (depth >= MAX_DEPTH) return '[Object]';
  seen.push(obj);
  let out: unknown;
  try {
    // Dates (an ISO string, or null when invalid), URLs and the like say how they serialize.
    if (typeof obj.toJSON === 'function') out = safe(obj.toJSON(), depth + 1, seen);
    else if (Array.isArray(obj)) out = obj.slice(0, MAX_ARRAY_LENGTH).map((x) => safe(x, depth + 1, seen) ?? null);
    else {
      const rec: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        const v = REDACT.has(key.toLowerCase()) ? REDACTED : safe(obj[key], depth + 1, seen);
        if (v !== undefined) rec[key] = v;
      }
      out = rec;
    }
  } catch {
    // A throwing getter or toJSON: keep what the value says of itself.
    out = '[Unserializable]';
  }
  seen.pop();
  return out;
}
