import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defaultPlatform } from '../../src/tracker/default-platform.browser';
import { fastRandomId, randomId } from '../../src/tracker/ids.browser';
import { Tracker } from '../../src/tracker/tracker';
import { WallClock, monoNow } from '../../src/tracker/wall-clock.browser';

// Browser builds take some modules in place of Node's (scripts/browser-build.cjs). The jest
// project 'browser-modules' runs the tracker and decorator suites on them; this file checks what
// that project cannot: the names, the default platform, and what only differs by platform.
const ROOT = resolve(__dirname, '../..');
const { BROWSER_MODULES }: { BROWSER_MODULES: Record<string, string> } = require('../../scripts/browser-build.cjs');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The values (not types) each src module imports from `module`, by importer. */
function valuesImportedFrom(module: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const [, names, from] of readFileSync(file, 'utf8').matchAll(/^import \{([^}]+)\} from '(\.[^']+)';$/gm)) {
      if (`${resolve(dirname(file), from)}.ts` !== join(ROOT, module)) continue;
      out.set(relative(ROOT, file), names.split(',').map((n) => n.trim()).filter((n) => n !== '' && !n.startsWith('type ')));
    }
  }
  return out;
}

describe('the browser version of a module', () => {
  it.each(Object.entries(BROWSER_MODULES))('%s: %s exports every value that src imports from it, of the same kind', (node, browser) => {
    const nodeModule = require(join(ROOT, node));
    const browserModule = require(join(ROOT, browser));
    const importers = valuesImportedFrom(node);
    expect(importers.size).toBeGreaterThan(0);
    for (const names of importers.values()) {
      for (const name of names) expect([name, typeof browserModule[name]]).toEqual([name, typeof nodeModule[name]]);
    }
  });

  it('makes ids that are UUID v4 and do not repeat', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2_000; i++) ids.add(i % 2 === 0 ? randomId() : fastRandomId());
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('dates an event by the wall clock, in ISO 8601', () => {
    const before = Date.now();
    const iso = new WallClock().iso(monoNow());
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(iso)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(iso)).toBeLessThanOrEqual(Date.now());
  });

  it('gives a tracker made before decotel/browser is imported the browser platform, one for all', () => {
    expect(defaultPlatform()).toBe(defaultPlatform());
    expect(new Tracker(defaultPlatform())._platform.name).toBe('browser');
    expect(defaultPlatform().loadConfig({}, new Set())).toMatchObject({ enabled: true, destinations: [] });
  });
});
