import type { PrivacyPolicy } from './privacy';
import { KEY_PLAIN, KEY_REDACT, MAX_OBJECT_KEYS, REDACTED } from './privacy-limits';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The fast path of `PrivacyPolicy.cleanRecord` for what events almost always carry: a plain
 * object, mostly of primitives. It gives what the general walk gives, without its per-key
 * closure and `Object.keys` array, and with the key decisions cached (issue #10). Returns
 * undefined (the caller then takes the general walk) for anything unusual: another prototype,
 * a `toJSON`, too many keys, a getter that throws. Browser builds leave it out
 * (clean-plain.browser.ts).
 */
export function cleanPlainRecord(policy: PrivacyPolicy, record: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof record !== 'object') return undefined;
  const proto: unknown = Object.getPrototypeOf(record);
  if ((proto !== Object.prototype && proto !== null) || typeof record.toJSON === 'function') return undefined;
  const out: Record<string, unknown> = {};
  let ancestors: object[] | undefined;
  let count = 0;
  try {
    for (const key in record) {
      if (!hasOwn.call(record, key)) continue;
      if (++count > MAX_OBJECT_KEYS) return undefined;
      const raw = record[key];
      const kind = policy._keyKind(key);
      if (kind !== KEY_PLAIN) {
        out[key] = raw === undefined || raw === null ? raw : kind === KEY_REDACT ? REDACTED : policy.hashValue(raw);
        continue;
      }
      switch (typeof raw) {
        case 'number':
        case 'boolean':
        case 'undefined':
          out[key] = raw;
          break;
        case 'string':
          out[key] = policy.cleanString(raw);
          break;
        default:
          out[key] = raw === null ? null : policy._clean(raw, 1, (ancestors ??= [record]));
      }
    }
  } catch {
    return undefined;
  }
  return out;
}
