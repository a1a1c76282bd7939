import type { ConfigError } from '../errors';

/** Lines shown before the faulty one. */
const CONTEXT_LINES = 1;

/**
 * The faulty line of `text` with the line before it and a caret under `column`:
 * ```
 *    6 |   sampling:
 * >  7 |     rate: 1.5
 *      |           ^
 * ```
 * Empty when the position is not in the text.
 */
export function formatExcerpt(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - CONTEXT_LINES);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1].replace(/\t/g, ' ')}`);
  }
  const caretAt = Math.max(1, Math.min(column, lines[line - 1].length + 1));
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(caretAt - 1)}^`);
  return `${out.join('\n')}\n`;
}

/** `file:7:11: OUT_OF_RANGE telemetry.sampling.rate: expected …` and, with the text, its excerpt. */
export function formatConfigError(error: ConfigError, fileLabel: string, text?: string): string {
  const where = error.line > 0 ? `${fileLabel}:${error.line}:${error.column}` : fileLabel;
  const message = error.message.replace(/ \(line \d+, column \d+\)$/, '');
  const excerpt = text !== undefined && error.line > 0 ? formatExcerpt(text, error.line, error.column) : '';
  return `${where}: ${error.code} ${message}\n${excerpt}`;
}
