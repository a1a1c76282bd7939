/**
 * A small glob compiler for event names, for the browser worker only. minimatch (what the
 * tracker uses, DESIGN.md §6) weighs 13.9 KB min+gzip, most of the worker's 16 KB budget, so
 * the worker compiles `disable_events` to one RegExp with minimatch's semantics under the
 * tracker's options (`dot`, `nonegate`, `nocomment`): `*` spans dots, `?`, `[...]` with `!`/`^`
 * and POSIX classes, `{a,b}` and `{1..3}`, the extglobs `!(…)` `?(…)` `+(…)` `*(…)` `@(…)`, `\`
 * escapes, a leading `!` only as the extglob. `__tests__/browser/compile-glob.test.ts` checks it
 * against minimatch itself. One known difference: a pattern with any wildcard never matches the
 * names `.` and `..`, which minimatch matches with a few positive extglobs (`*(a|.)`). Patterns
 * come from the app's own remote config; names are short, so RegExp backtracking stays bounded.
 * Pure: no I/O.
 */

/** One character of a name under a wildcard (minimatch's `*` and `?` stop at `/`). */
export const WILD = '[^/]';
const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  digit: '0-9',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\s',
  upper: 'A-Z',
  word: '\\w',
  xdigit: 'A-Fa-f0-9',
};
/** Names no wildcard matches (minimatch: the empty name, `.` and `..`). */
export const GUARD = '(?!\\.{0,2}$)';
/** Brace expansions kept at most, so that `{a,b}{c,d}…` cannot grow without bound. */
const MAX_EXPANSIONS = 256;

/** The RegExp source (anchored) matching an event name when any of `patterns` matches it; `(?!)` for none. */
export function globsToRegExpSource(patterns: readonly string[]): string {
  const parts: string[] = [];
  const groups = { next: 0 };
  for (const pattern of patterns) {
    for (const expanded of expandBraces(pattern)) parts.push(compileOne(expanded, groups));
  }
  return parts.length === 0 ? '(?!)' : parts.map((p) => `(?:${p})`).join('|');
}

/** A predicate true when any of `patterns` matches `name`. */
export function compileGlobs(patterns: readonly string[]): (name: string) => boolean {
  const re = new RegExp(globsToRegExpSource(patterns));
  return (name) => re.test(name);
}

interface Groups {
  next: number;
}

function compileOne(pattern: string, groups: Groups): string {
  if (pattern === '**') return '^(?!\\.\\.?$).*$';
  const body = compileSeq(pattern, groups, true);
  return body.magic ? `^${GUARD}${body.src}$` : `^${body.src}$`;
}

interface Compiled {
  src: string;
  magic: boolean;
}

/**
 * Compiles a run of glob syntax. A `!(…)` needs what precedes it: everything compiled so far
 * becomes a named group, and a lookbehind checks that the text after that group is not the body.
 * `anchored` is true for a whole pattern (the lookbehind starts at `^`).
 */
function compileSeq(text: string, groups: Groups, anchored: boolean): Compiled {
  let src = '';
  let magic = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      src += escapeRe(text[++i]);
    } else if ('!?+*@'.includes(c) && text[i + 1] === '(' && closingOf(text, i + 1, '(', ')') > 0) {
      const end = closingOf(text, i + 1, '(', ')');
      const alts = splitTopLevel(text.slice(i + 2, end), '(', ')', '|').map((a) => compileSeq(a, groups, false).src);
      const group = `(?:${alts.join('|')})`;
      if (c === '!') {
        const name = `g${groups.next++}`;
        src = `(?<${name}>${src})${WILD}*?(?<!${anchored ? '^' : ''}\\k<${name}>${group})`;
      } else {
        src += c === '@' ? group : `${group}${c}`;
      }
      magic = true;
      i = end;
    } else if (c === '*') {
      // A run of stars is one star, but not the star of a following `*(…)`.
      while (text[i + 1] === '*' && text[i + 2] !== '(') i++;
      src += `${WILD}*`;
      magic = true;
    } else if (c === '?') {
      src += WILD;
      magic = true;
    } else if (c === '[') {
      const cls = charClass(text, i);
      if (cls === undefined) src += '\\[';
      else {
        src += cls.src;
        magic = true;
        i = cls.end;
      }
    } else {
      src += escapeRe(c);
    }
  }
  return { src, magic };
}

/** A bracket expression starting at `open`, or undefined when it is not closed (then `[` is literal). */
function charClass(text: string, open: number): { src: string; end: number } | undefined {
  let i = open + 1;
  let negate = false;
  if (text[i] === '!' || text[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  for (let first = true; i < text.length; i++, first = false) {
    const c = text[i];
    if (c === ']' && !first) return { src: negate ? `[^${body}\\/]` : `[${body}]`, end: i };
    if (c === '[' && text[i + 1] === ':') {
      const close = text.indexOf(':]', i + 2);
      const name = close < 0 ? undefined : text.slice(i + 2, close);
      if (name !== undefined && POSIX[name] !== undefined) {
        body += POSIX[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < text.length) body += escapeClass(text[++i]);
    else if (c === '-' && !first && text[i + 1] !== ']') body += '-';
    else body += escapeClass(c);
  }
  return undefined;
}

/** minimatch's brace expansion: `{a,b}`, nested braces, `{1..3}` and `{a..c}`; an unclosed or single-item brace is literal. */
export function expandBraces(pattern: string, from = 0): string[] {
  for (let open = nextBrace(pattern, from); open >= 0; open = nextBrace(pattern, open + 1)) {
    const close = closingOf(pattern, open, '{', '}');
    if (close < 0) return [pattern];
    const inner = pattern.slice(open + 1, close);
    const items = splitTopLevel(inner, '{', '}', ',');
    const choices = items.length > 1 ? items : expandRange(inner);
    if (choices === undefined) continue;
    const pre = pattern.slice(0, open);
    const post = expandBraces(pattern.slice(close + 1));
    const out: string[] = [];
    for (const item of choices) {
      for (const a of expandBraces(item)) {
        for (const p of post) {
          if (out.length >= MAX_EXPANSIONS) return out;
          out.push(pre + a + p);
        }
      }
    }
    return out;
  }
  return [pattern];
}

function nextBrace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') return i;
  }
  return -1;
}

/** Index of the `close` that ends the `open` at index `at`, skipping escapes and nesting, or -1. */
function closingOf(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** `text` split at each `separator` outside `open`…`close` groups (escapes skipped). */
function splitTopLevel(text: string, open: string, close: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === open) depth++;
    else if (c === close) depth--;
    else if (c === separator && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function expandRange(inner: string): string[] | undefined {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner);
  if (m === null) return undefined;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return undefined;
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.max(1, Math.abs(Number(m[3] ?? 1)));
  const out: string[] = [];
  const width = numeric && /^-?0\d/.test(m[1] + m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    if (out.length >= MAX_EXPANSIONS) break;
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
  }
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}
