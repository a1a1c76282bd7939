/**
 * Secret shapes removed from free text when `privacy.scrub_strings` is on. Pure: no state.
 * Each pattern replaces the whole secret with a marker that says what it was.
 */
const SCRUBBERS: ReadonlyArray<readonly [RegExp, string]> = [
  // JSON Web Tokens: three base64url parts, the first two starting with '{"' encoded.
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, '[REDACTED_JWT]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [REDACTED]'],
  // Well-known API key shapes (@see https://docs.github.com/en/code-security/secret-scanning).
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}\b/g, '[REDACTED_KEY]'],
  [/\bsk-[A-Za-z0-9_-]{20,}\b/g, '[REDACTED_KEY]'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, '[REDACTED_KEY]'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, '[REDACTED_KEY]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[REDACTED_KEY]'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, '[REDACTED_KEY]'],
  // Bounded parts (RFC 5321 limits) keep the match linear on long runs of word characters.
  [/\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g, '[REDACTED_EMAIL]'],
  // key=value pairs in URLs and log lines whose key names a secret.
  [/\b((?:api[_-]?key|access[_-]?token|token|secret|password|passwd)=)[^&\s"']+/gi, '$1[REDACTED]'],
];

/** Cheap pre-check: most strings contain none of these characters sequences. */
const MAYBE_SECRET = /eyJ|bearer|basic|_live_|_test_|sk-|gh[pousr]_|xox|AKIA|AIza|@|=/i;

/** Replaces JWTs, bearer tokens, well-known API keys and email addresses in `text`. */
export function scrubString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [re, replacement] of SCRUBBERS) out = out.replace(re, replacement);
  return out;
}
