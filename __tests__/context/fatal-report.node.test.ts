import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { FatalReportEnv } from '../../src/context/fatal-report.node';
import { formatFatalReport, isRejectionWrapper, nodeFatalReportEnv, sourceArrow } from '../../src/context/fatal-report.node';

const SOURCE = ['function a() {', '  if (x) throw new Error("boom");', '\tconst y = null.z;', '  short', ''].join('\n');
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'decotel-fatal-'));
  file = join(dir, 'app.js');
  writeFileSync(file, SOURCE);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function env(overrides: Partial<FatalReportEnv> = {}): FatalReportEnv {
  return { colors: false, argv0: 'node', traceUncaught: false, version: 'v20.0.0', readSource: nodeFatalReportEnv().readSource, ...overrides };
}

function errorAt(line: number, column: number, message = 'boom', at = file): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at a (${at}:${line}:${column})\n    at node:internal/timers:581:17`;
  return error;
}

describe('formatFatalReport()', () => {
  it('prints the source line with a caret under its throw, the inspected error and the Node version', () => {
    const error = errorAt(2, 17);
    expect(formatFatalReport(error, env())).toBe(
      `${file}:2\n  if (x) throw new Error("boom");\n         ^\n\n${inspect(error, { customInspect: false, depth: 5 })}\n\nNode.js v20.0.0\n`,
    );
  });

  it('puts the caret at the frame itself for a rejection, keeping tabs in the padding', () => {
    expect(formatFatalReport(errorAt(2, 17), env(), true)).toContain(`${file}:2\n  if (x) throw new Error("boom");\n                ^\n\n`);
    expect(formatFatalReport(errorAt(3, 16), env(), true)).toContain(`${file}:3\n\tconst y = null.z;\n\t              ^\n\n`);
  });

  it('reads file URLs too', () => {
    const url = pathToFileURL(file).href;
    expect(formatFatalReport(errorAt(3, 16, 'm', url), env())).toMatch(new RegExp(`^${url}:3\\n\\tconst y`));
  });

  it('leaves the source line out for a thrown error without a readable frame', () => {
    const internal = errorAt(1, 1, 'inner', 'node:internal/fs/utils');
    expect(formatFatalReport(internal, env())).toBe(`${inspect(internal, { customInspect: false, depth: 5 })}\n\nNode.js v20.0.0\n`);
    const frameless = new Error('no frames');
    frameless.stack = 'Error: no frames';
    expect(formatFatalReport(frameless, env())).toBe('[Error: no frames]\n\nNode.js v20.0.0\n');
  });

  it('leaves a rejection it cannot rebuild to Node (undefined)', () => {
    expect(formatFatalReport(errorAt(1, 1, 'x', 'node:internal/x'), env(), true)).toBeUndefined();
    expect(formatFatalReport({ stack: 'not an error' }, env(), true)).toBeUndefined();
    const wrapper = Object.assign(new Error('This error originated …'), { code: 'ERR_UNHANDLED_REJECTION' });
    expect(isRejectionWrapper(wrapper)).toBe(true);
    expect(formatFatalReport(wrapper, env(), true)).toBeUndefined();
  });

  it('prints a thrown primitive with the --trace-uncaught hint, unless that flag is on', () => {
    expect(formatFatalReport(42, env({ argv0: '/usr/bin/node.exe' }))).toBe(
      '\n42\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.0.0\n',
    );
    expect(formatFatalReport(null, env({ argv0: '' }))).toContain('(Use `node --trace-uncaught');
    expect(formatFatalReport('text', env({ traceUncaught: true }))).toBe('\ntext\n\nNode.js v20.0.0\n');
    expect(formatFatalReport(Symbol('s'), env({ traceUncaught: true }))).toBe('\nSymbol(s)\n\nNode.js v20.0.0\n');
  });

  it('prints a thrown non-error object inspected, after a blank line', () => {
    expect(formatFatalReport({ plain: 'object' }, env())).toBe("\n{ plain: 'object' }\n\nNode.js v20.0.0\n");
  });

  it('prints what it can of an object that cannot be inspected', () => {
    const hostile = {
      get [Symbol.toStringTag](): string {
        throw new Error('no tag');
      },
    };
    expect(formatFatalReport(hostile, env())).toBe('\n<toString() threw exception>\n\nNode.js v20.0.0\n');
  });

  it('adds the "Emitted \'error\' event at" part Node keeps on an unhandled error event, without a source line', () => {
    const error = errorAt(2, 17, 'emitted');
    Object.defineProperty(error, Symbol('kEnhanceStackBeforeInspector'), { value: () => `${error.stack}\nEmitted 'error' event at:\n    at x (y.js:1:1)` });
    const report = formatFatalReport(error, env()) as string;
    expect(report.startsWith('Error: emitted')).toBe(true);
    expect(report).toContain("Emitted 'error' event at:");
  });

  it('ignores an enhancer that throws', () => {
    const error = errorAt(2, 17);
    Object.defineProperty(error, Symbol('kEnhanceStackBeforeInspector'), {
      value: () => {
        throw new Error('no');
      },
    });
    expect(formatFatalReport(error, env())).toMatch(/^.*app\.js:2\n/);
  });

  it('prints a stack Node already decorated with its source line as it is', () => {
    const error = new SyntaxError('Unexpected token');
    error.stack = `${file}:1\nfunction a() {\n^\n\nSyntaxError: Unexpected token\n    at wrapSafe (node:internal/modules/cjs/loader:1469:18)`;
    expect(formatFatalReport(error, env())).toBe(`${error.stack}\n\nNode.js v20.0.0\n`);
  });
});

describe('sourceArrow()', () => {
  it('returns no caret when the column lies past the end of the line', () => {
    expect(sourceArrow(`Error\n    at ${file}:4:40`, nodeFatalReportEnv().readSource, true)).toBe(`${file}:4\n  short\n`);
  });

  it('returns undefined for a missing line, file or stack', () => {
    expect(sourceArrow(`Error\n    at ${file}:99:1`, nodeFatalReportEnv().readSource, true)).toBeUndefined();
    expect(sourceArrow(`Error\n    at ${join(dir, 'gone.js')}:1:1`, nodeFatalReportEnv().readSource, true)).toBeUndefined();
    expect(sourceArrow(undefined, () => '', true)).toBeUndefined();
    expect(sourceArrow('Error: no frames', () => '', true)).toBeUndefined();
  });
});

describe('nodeFatalReportEnv()', () => {
  it('describes this process', () => {
    expect(nodeFatalReportEnv()).toMatchObject({ argv0: process.argv0, version: process.version, traceUncaught: false, colors: expect.any(Boolean) });
  });

  it('reads only absolute paths and file URLs', () => {
    const { readSource } = nodeFatalReportEnv();
    expect(readSource(file)).toBe(SOURCE);
    expect(readSource('relative.js')).toBeUndefined();
    expect(readSource('node:events')).toBeUndefined();
  });
});
