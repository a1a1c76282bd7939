import { Minimatch } from 'minimatch';
import { compileGlobs, expandBraces, globsToRegExpSource } from '../../src/browser/compile-glob';
import { Minimatch as MinimatchShim, useGlobCompiler } from '../../src/browser/minimatch-shim';
import { DecotelError } from '../../src/errors';

/** The tracker's minimatch options (src/tracker/pattern.ts): the reference the worker must agree with. */
const MATCH_OPTIONS = { dot: true, nonegate: true, nocomment: true, noglobstar: false };

const PATTERNS = [
  '*', '**', 'debug.*', 'user.*', '*.failed', '*.*', 'a.*.c', 'a.**', '**.b', 'user.login', 'user.log?n', '?', 'a?',
  '{a,b}.c', '{user,auth}.*', 'a{,b}', '{a}', '{{a,b}}', '{1..3}', 'v{01..03}', '{a..c}.x', '{a,b', 'a{b,c{d,e}}f', '{x,y}{1,2}',
  '[abc].x', '[!a].x', '[^a].x', '[a-c]*', '[]]', '[]a]', '[a-', '[[:alpha:]]*', '[[:digit:]]', 'x[.]y', '[!.]*',
  '!(debug.*)', '!(a)', '!(a).b', '!(a)*', '!(a)b', 'x!(a)', 'a.!(b)', '!(*.failed)', '!(a|b).c',
  '+(a|b)', '@(a|b)', '?(a)', '*(a)', '*(a|b).c', '@(user|auth).*', 'a+(.b)', '!a', '#a', 'a\\*', 'a\\?b', '(a)', 'a|b', '*.(a)',
  'query.*', 'embedding.*', 'http.request.*', '*.started', 'generation.{started,completed}',
  'user@home.*', 'ab+test.*', 'alert!', 'fn(x)', 'a+b', 'a|b.?', '',
];

const NAMES = [
  '.a', 'a', 'b', 'c', 'aa', 'ab', 'aab', 'abab', 'a.', 'a.b', 'c.b', 'a.c', 'b.c', 'x.c', 'x.y.b', 'a.b.c', 'a.x.c', 'a.bb',
  'debug.x', 'debug', 'debug.a.b', 'user.login', 'user.logon', 'user.login.failed', 'x.failed', 'x.ok', 'auth.token', '1', '2', '4', 'v02', 'v2',
  'a.x', 'b.x', 'd.x', '{a}', '{a,b', '[a-', ']', '#a', '!a', 'a*', 'ab*', 'a?b', 'a|b', '(a)', 'x.(a)', 'x.y', 'abdf', 'abf', 'acf',
  'x1', 'y2', 'z1', 'a.b.b', 'query.run', 'embedding.v1', 'http.request.completed', 'job.started', 'generation.started', 'generation.failed',
  'a/b', 'user/login', '9', 'Z', '.b.c', 'a..b', 'user@home.x', 'ab+test.y', 'alert!', 'fn(x)', 'a+b', 'a|b.c',
];

const compiled = new Map<string, Minimatch>();

function reference(pattern: string, name: string): boolean {
  let m = compiled.get(pattern);
  if (m === undefined) compiled.set(pattern, (m = new Minimatch(pattern, MATCH_OPTIONS)));
  return m.match(name);
}

describe('compileGlobs()', () => {
  it('agrees with minimatch on every pattern of the corpus against every name', () => {
    const mismatches: string[] = [];
    for (const pattern of PATTERNS) {
      const test = compileGlobs([pattern]);
      for (const name of NAMES) {
        if (test(name) !== reference(pattern, name)) mismatches.push(`${pattern} ~ ${JSON.stringify(name)}: minimatch ${reference(pattern, name)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with minimatch on random patterns built from the glob alphabet', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const atoms = ['a', 'b', '.', '*', '?', '[ab]', '[!a]', '{a,b}', '{a,.b}', '@(a|b)', '+(a)', '?(b)', '*(a|.)', '!(a)', '!(a|b.)'];
    const mismatches: string[] = [];
    for (let n = 0; n < 400; n++) {
      const pattern = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(atoms)).join('');
      const test = compileGlobs([pattern]);
      for (let k = 0; k < 25; k++) {
        const name = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(['a', 'b', '.', 'c'])).join('');
        if (name === '.' || name === '..') continue;
        if (test(name) !== reference(pattern, name)) mismatches.push(`${pattern} ~ ${JSON.stringify(name)}: minimatch ${reference(pattern, name)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('never matches the names "", "." and ".." with a wildcard pattern (minimatch matches "." with a few extglobs)', () => {
    const test = compileGlobs(['*', '?', '*(a|.)', '!(a)']);
    expect(['', '.', '..'].map(test)).toEqual([false, false, false]);
    expect(compileGlobs(['**'])('')).toBe(reference('**', ''));
    expect(compileGlobs(['.'])('.')).toBe(true);
  });

  it('matches when any pattern of the set matches', () => {
    const test = compileGlobs(['debug.*', '*.failed']);
    expect([test('debug.x'), test('job.failed'), test('job.done')]).toEqual([true, true, false]);
  });

  it('matches nothing for an empty set', () => {
    expect(compileGlobs([])('anything')).toBe(false);
    expect(new RegExp(globsToRegExpSource([])).test('')).toBe(false);
  });
});

describe('Minimatch (browser shim)', () => {
  // Classes, braces, escapes and extglobs need the full compiler; `+`, `@`, `!`, `(` alone are literal.
  const isSimple = (pattern: string): boolean => !/[[\]{}\\]|[+@!?*]\(/.test(pattern);

  it('answers match() as minimatch does for names, `*` and `?`, without the full compiler', () => {
    const simple = PATTERNS.filter(isSimple);
    expect(simple.length).toBeGreaterThan(10);
    for (const pattern of simple) {
      const shim = new MinimatchShim(pattern, MATCH_OPTIONS);
      expect(shim.pattern).toBe(pattern);
      expect(NAMES.map((n) => shim.match(n))).toEqual(NAMES.map((n) => reference(pattern, n)));
    }
  });

  it('refuses other globs at setup with a DecotelError that names withConfigValidation()', () => {
    for (const pattern of PATTERNS.filter((p) => !isSimple(p))) {
      expect(() => new MinimatchShim(pattern, MATCH_OPTIONS)).toThrow(DecotelError);
      expect(() => new MinimatchShim(pattern, MATCH_OPTIONS)).toThrow(expect.objectContaining({ code: 'GLOB_UNSUPPORTED', message: expect.stringContaining('withConfigValidation()') }));
    }
  });

  it('answers match() as minimatch does for every glob once the full compiler is installed', () => {
    useGlobCompiler(compileGlobs);
    for (const pattern of PATTERNS) {
      const shim = new MinimatchShim(pattern, MATCH_OPTIONS);
      expect(NAMES.map((n) => shim.match(n))).toEqual(NAMES.map((n) => reference(pattern, n)));
    }
  });
});

describe('expandBraces()', () => {
  it('expands sets, nested sets and ranges, and keeps single items literal', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('{1..3}')).toEqual(['1', '2', '3']);
    expect(expandBraces('{a}')).toEqual(['{a}']);
    expect(expandBraces('{a,b')).toEqual(['{a,b']);
  });

  it('stops at a bounded number of expansions', () => {
    expect(expandBraces('{a,b}'.repeat(12)).length).toBeLessThanOrEqual(256);
  });
});
