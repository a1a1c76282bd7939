import type { EventError } from './event';
import type { PrivacyPolicy } from './privacy';
import { describeThrown } from './privacy';

/**
 * The `error` part of an event. The hash groups errors of one kind: it covers the type, the
 * message with numbers and hex ids blanked, and the first stack frame without line numbers.
 */
export function toEventError(thrown: unknown, privacy: PrivacyPolicy): EventError {
  let type = 'Error';
  let message: string;
  let stack: string | undefined;
  let code: string | undefined;
  try {
    if (thrown instanceof Error) {
      type = thrown.name || thrown.constructor?.name || 'Error';
      message = String(thrown.message);
      stack = typeof thrown.stack === 'string' ? thrown.stack : undefined;
      const c = (thrown as { code?: unknown }).code;
      if (typeof c === 'string' || typeof c === 'number') code = String(c);
    } else {
      type = thrown === null ? 'null' : typeof thrown === 'object' ? (thrown.constructor?.name ?? 'Object') : typeof thrown;
      message = typeof thrown === 'string' ? thrown : describeThrown(thrown);
    }
  } catch (err) {
    message = `[Unreadable error: ${describeThrown(err)}]`;
  }
  const out: EventError = { type, message: privacy.cleanString(message), hash: errorHash(type, message, stack) };
  if (code !== undefined) out.code = code;
  if (privacy.includeStack && stack !== undefined) out.stack = privacy.cleanString(stack);
  return out;
}

/** 16 hex characters: FNV-1a over type, normalized message and first frame. Pure. */
export function errorHash(type: string, message: string, stack?: string): string {
  const normalized = message.replace(/0x[0-9a-f]+|[0-9a-f]{8,}|\d+/gi, '0');
  const frame = stack?.split('\n').find((l) => /^\s+at /.test(l))?.replace(/:\d+(:\d+)?\)?$/, '').trim() ?? '';
  const text = `${type}\u0000${normalized}\u0000${frame}`;
  return fnv1a32(text, 0x811c9dc5) + fnv1a32(text, 0x050c5d1f);
}

function fnv1a32(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
