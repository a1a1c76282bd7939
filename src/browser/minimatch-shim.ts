import { DecotelError } from '../errors';
import { GUARD, WILD } from './compile-glob';

/** A compiled set of globs. */
export type GlobCompiler = (patterns: readonly string[]) => (name: string) => boolean;

/** The full compiler (src/browser/compile-glob.ts), once `withConfigValidation()` installed it. */
let fullCompiler: GlobCompiler | undefined;

/** @internal Installs the full glob compiler; `withConfigValidation()` calls it. */
export function useGlobCompiler(compile: GlobCompiler): void {
  fullCompiler = compile;
}

/**
 * What only the full compiler reads: classes, braces, escapes and extglobs (`+(`, `@(`, `!(`, `?(`,
 * `*(`). Any other pattern is literal characters, `*` and `?`, compiled here.
 */
const NEEDS_FULL_COMPILER = /[[\]{}\\]|[+@!?*]\(/;

/**
 * The part of minimatch's API the tracker uses (`new Minimatch(pattern, options).match(name)`)
 * for browser bundles of decotel, which map `minimatch` here: minimatch weighs 13.9 KB
 * min+gzip. Simple patterns (`checkout.*`, `*.failed`, `page.?`, names) compile here, with
 * the tracker's rules (DESIGN.md §6: `*` spans dots, a wildcard never matches `''`, `.` or
 * `..`); braces, classes, extglobs and escapes need the full compiler, which
 * `withConfigValidation()` installs (2.9 KB minified), and throw a `DecotelError` at setup
 * without it. Options are the tracker's whatever is passed.
 */
export class Minimatch {
  readonly pattern: string;
  private readonly _test: (name: string) => boolean;

  constructor(pattern: string, _options?: object) {
    this.pattern = pattern;
    if (fullCompiler !== undefined) this._test = fullCompiler([pattern]);
    else if (!NEEDS_FULL_COMPILER.test(pattern)) this._test = simpleGlob(pattern);
    else throw new DecotelError({ code: 'GLOB_UNSUPPORTED', message: `the glob '${pattern}' needs the full glob matcher in the browser: call withConfigValidation() first` });
  }

  match(name: string): boolean {
    return this._test(name);
  }
}

function simpleGlob(pattern: string): (name: string) => boolean {
  // `**` alone is a globstar: it also spans `/`, which `*` does not.
  if (pattern === '**') return (name) => name !== '.' && name !== '..';
  // The rules of the full compiler (compile-glob.ts), for the characters a simple pattern has.
  const body = pattern.replace(/[.^$|+()*?]/g, (c) => (c === '*' ? `${WILD}*` : c === '?' ? WILD : `\\${c}`));
  const re = new RegExp(/[*?]/.test(pattern) ? `^${GUARD}${body}$` : `^${body}$`);
  return (name) => re.test(name);
}
