import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from 'decotel';
import { checkConfigText } from '../../src/config/parse-config-text';
import { resolveConfig } from '../../src/config/resolve-config';
import { seededRandom as prng } from '../helpers/seeded-random';

const KNOWN_TYPES: ReadonlySet<string> = new Set(['console', 'memory', 'file', 'http']);
const VALID = readFileSync(join(__dirname, '..', '..', 'telemetry.config.yaml'), 'utf8');
const MUTATIONS = 500;

const SNIPPETS = [':', ': ', '-', '- ', ' ', '  ', '\t', '\n', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '!', '!!str ', '#', "'", '"', '${', '${X}', '${X:-1}', '}', '0', '-1', '1.5', 'null', 'true', '~', '|', '>', '%', '@', '`', '?', '\\', 'é', '\u0000', '---\n', '...'];

function mutateText(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let out = text;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const lines = out.split('\n');
    const line = Math.floor(random() * lines.length);
    switch (Math.floor(random() * 7)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 4));
        break;
      case 1:
        out = out.slice(0, at) + pick(SNIPPETS) + out.slice(at);
        break;
      case 2:
        lines.splice(line, 1);
        out = lines.join('\n');
        break;
      case 3:
        lines.splice(line, 0, lines[Math.floor(random() * lines.length)]);
        out = lines.join('\n');
        break;
      case 4:
        lines[line] = ' '.repeat(Math.floor(random() * 4)) + lines[line].trimStart();
        out = lines.join('\n');
        break;
      case 5:
        out = out.replace(/\d+(\.\d+)?/g, (m) => (random() < 0.05 ? pick(['-3', '0', '1e309', '0.5', 'x', '']) : m));
        break;
      default:
        out = out.slice(0, at) + out.slice(at).replace(/[a-z_]+/, (m) => m.slice(0, -1) + pick(['s', '_', 'x', '']));
    }
  }
  return out;
}

const ODD_VALUES: readonly unknown[] = [null, undefined, 0, -1, 1.5, NaN, Infinity, '', 'x', '${X}', true, [], ['*'], [1, null], {}, { a: 1 }, new Date(0), Symbol('s'), () => 1, 10n];

/** Replaces one random value of a parsed configuration with an odd one. */
function mutateTree(tree: unknown, random: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(tree)) as unknown;
  let node = copy as Record<string, unknown>;
  for (let depth = 0; depth < 8; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[Math.floor(random() * keys.length)];
    const child = node[key];
    if (random() < 0.3 || typeof child !== 'object' || child === null) {
      node[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
      break;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

function assertOnlyConfigErrors(run: () => void, seed: number): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`seed ${seed}: expected a ConfigError, got ${String(err)}`);
    expect(err.line).toBeGreaterThanOrEqual(0);
    expect(typeof err.path).toBe('string');
  }
}

describe('configuration fuzzing', () => {
  it(`${MUTATIONS} text mutations of telemetry.config.yaml – each loads or throws ConfigError`, () => {
    const started = Date.now();
    let loaded = 0;
    for (let seed = 1; seed <= MUTATIONS; seed++) {
      const text = mutateText(VALID, prng(seed));
      assertOnlyConfigErrors(() => {
        const check = checkConfigText(text, { env: {}, knownTypes: KNOWN_TYPES });
        for (const error of check.errors) expect(error).toBeInstanceOf(ConfigError);
        if (check.config === undefined) throw check.errors[0];
        loaded++;
      }, seed);
    }
    // Some mutations land in comments or keep the file valid; most break it.
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(MUTATIONS);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it(`${MUTATIONS} value mutations of the parsed file – each resolves or throws ConfigError`, () => {
    const tree = parse(VALID) as unknown;
    for (let seed = 1; seed <= MUTATIONS; seed++) {
      const mutated = mutateTree(tree, prng(seed * 7919));
      assertOnlyConfigErrors(() => resolveConfig(mutated, { env: {}, knownTypes: KNOWN_TYPES }), seed);
    }
  });
});
