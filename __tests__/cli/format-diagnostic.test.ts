import { ConfigError } from 'decotel';
import { formatConfigError, formatExcerpt } from '../../src/cli/format-diagnostic';

describe('formatExcerpt', () => {
  it('shows the line before, the faulty line and a caret', () => {
    expect(formatExcerpt('a: 1\nb: x\n', 2, 4)).toBe('  1 | a: 1\n> 2 | b: x\n    |    ^\n');
  });

  it('keeps the caret within the line, and pads wide line numbers', () => {
    const text = `${'x\n'.repeat(9)}tab:\tv\n`;
    expect(formatExcerpt(text, 10, 99)).toBe('   9 | x\n> 10 | tab: v\n     |       ^\n');
  });

  it('is empty for a position outside the text', () => {
    expect(formatExcerpt('a: 1\n', 0, 1)).toBe('');
    expect(formatExcerpt('a: 1\n', 9, 1)).toBe('');
  });
});

describe('formatConfigError', () => {
  it('has no position or excerpt for an error without a line', () => {
    const error = new ConfigError({ code: 'FILE_NOT_FOUND', message: 'gone', path: '', line: 0, column: 0 });
    expect(formatConfigError(error, 'x.yaml', 'text')).toBe('x.yaml: FILE_NOT_FOUND gone\n');
  });
});
