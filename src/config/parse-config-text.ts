import { LineCounter, parseDocument } from 'yaml';
import type { ConfigError } from '../errors';
import type { ResolvedConfig } from './config-types';
import { createConfigError } from './config-issues';
import type { Locate } from './config-path';
import { formatPath } from './config-path';
import type { ConfigCheck, ResolveConfigOptions } from './resolve-config';
import { checkConfig } from './resolve-config';
import { createYamlLocate, pathAtOffset } from './yaml-locate';

/** YAML aliases expanded at most, against "billion laughs" documents. @see https://eemeli.org/yaml/#parse-options */
const MAX_ALIAS_COUNT = 1_000;

/** A YAML text turned into a plain value, with the means to locate its keys. */
export interface ParsedConfigText {
  /** The plain value; undefined when the text is not valid YAML. */
  raw: unknown;
  locate: Locate;
  /** YAML_SYNTAX faults, duplicate keys included, in the order of the text. */
  errors: ConfigError[];
}

/** Parses YAML text with positions (yaml's `parseDocument` and `LineCounter`). Pure. */
export function parseConfigText(text: string): ParsedConfigText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const locate = createYamlLocate(doc, lineCounter);
  const errors = doc.errors.map((e) => {
    const offset = Math.min(Math.max(e.pos[0], 0), text.length);
    const { line, col } = lineCounter.linePos(offset);
    const segments = pathAtOffset(doc, offset);
    const lineText = text.split('\n')[line - 1] ?? '';
    const hint = lineText.includes('${') && /[{}[\]]/.test(lineText.replace(/\$\{[^}]*\}/g, '')) ? `; quote a value with \${VAR} inside { } or [ ], as in "\${VAR}"` : '';
    const message = firstLine(syntaxMessage(e.code, e.message, segments)) + hint;
    return createConfigError('YAML_SYNTAX', formatPath(segments), message, line, col, e);
  });
  if (errors.length > 0) return { raw: undefined, locate, errors };
  try {
    return { raw: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locate, errors };
  } catch (err) {
    // toJS refuses documents whose aliases expand beyond maxAliasCount.
    const message = `invalid YAML: ${firstLine(err instanceof Error ? err.message : String(err))}`;
    return { raw: undefined, locate, errors: [createConfigError('YAML_SYNTAX', '', message, 1, 1, err)] };
  }
}

/** Every fault of a YAML text: its syntax first, then, when the syntax is valid, its content. */
export function checkConfigText(text: string, options: Omit<ResolveConfigOptions, 'locate'>): ConfigCheck {
  const parsed = parseConfigText(text);
  if (parsed.errors.length > 0) return { errors: parsed.errors };
  return checkConfig(parsed.raw, { ...options, locate: parsed.locate });
}

/**
 * Parses and resolves the text of a `telemetry.config.yaml`.
 * @throws {ConfigError} the first fault, with its line and column.
 */
export function resolveConfigText(text: string, options: Omit<ResolveConfigOptions, 'locate'>): ResolvedConfig {
  const check = checkConfigText(text, options);
  if (check.config === undefined) throw check.errors[0];
  return check.config;
}

function syntaxMessage(code: string, message: string, path: ReadonlyArray<string | number>): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key '${String(path[path.length - 1] ?? '')}'; each key may appear once in a map`;
  if (code === 'MULTIPLE_DOCS') return "invalid YAML: expected one document, found a second one after '---'";
  return `invalid YAML: ${message}`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
