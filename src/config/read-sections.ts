import type { PrivacyConfig, ResolvedConfig, SamplingRule } from './config-types';
import { DEFAULT_REDACT_KEYS, defaultConfig } from './config-types';
import type { ConfigReader } from './config-reader';
import { get } from './config-reader';
import { describeValue } from './config-issues';
import type { ConfigPath } from './config-path';
import { isHttpUrl } from './read-fields';

type Section<K extends keyof ResolvedConfig> = ResolvedConfig[K];

/** `service: { name, version, environment }`: strings, sent once per batch. */
export function readService(reader: ConfigReader, value: unknown, path: ConfigPath): Section<'service'> {
  const map = reader.map(value, path);
  if (map === undefined) return {};
  reader.keys(map, path, ['name', 'version', 'environment']);
  const out: Section<'service'> = {};
  for (const key of ['name', 'version', 'environment'] as const) {
    const text = reader.string(map, path, key);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** `installation_id`: `auto`, a fixed id, or `false` / absent for none. */
export function readInstallationId(reader: ConfigReader, map: Record<string, unknown>, path: ConfigPath): string | undefined {
  if (get(map, 'installation_id') === false) return undefined;
  return reader.string(map, path, 'installation_id');
}

/** `context`: any map; its keys are the user's and stay as written. */
export function readContext(reader: ConfigReader, value: unknown, path: ConfigPath): Record<string, unknown> {
  return { ...reader.map(value, path, 'a map of context keys to values') };
}

/** `sampling: { rate, rules: [{ events, rate }] }`. */
export function readSampling(reader: ConfigReader, value: unknown, path: ConfigPath): Section<'sampling'> {
  const out = defaultConfig().sampling;
  const map = reader.map(value, path);
  if (map === undefined) return out;
  reader.keys(map, path, ['rate', 'rules']);
  out.rate = reader.number(map, path, 'rate', { min: 0, max: 1 }) ?? out.rate;
  const rules = get(map, 'rules');
  if (rules === undefined || rules === null) return out;
  if (!Array.isArray(rules)) {
    reader.issues.add('INVALID_TYPE', [...path, 'rules'], `expected a list of rules such as [{ events: ["query.*"], rate: 0.1 }], got ${describeValue(rules)}`);
    return out;
  }
  rules.forEach((raw: unknown, i) => {
    const at = [...path, 'rules', i];
    const rule = reader.map(raw, at, 'a rule (a map with events and rate)');
    if (rule === undefined) {
      if (raw === null) reader.issues.add('INVALID_TYPE', at, 'expected a rule (a map with events and rate), got nothing');
      return;
    }
    reader.keys(rule, at, ['events', 'rate']);
    const hasEvents = reader.require(rule, at, 'events', 'the event patterns this rule applies to, e.g. events: ["query.*"]');
    const hasRate = reader.require(rule, at, 'rate', 'the share of matching events kept, from 0 to 1');
    const events = hasEvents ? reader.patterns(rule, at, 'events') : undefined;
    const rate = hasRate ? reader.number(rule, at, 'rate', { min: 0, max: 1 }) : undefined;
    if (events !== undefined && rate !== undefined) out.rules.push({ events, rate } satisfies SamplingRule);
  });
  return out;
}

/** `privacy`: the user's `redact_keys` add to the default ones, so secrets stay redacted. */
export function readPrivacy(reader: ConfigReader, value: unknown, path: ConfigPath): PrivacyConfig {
  const out = defaultConfig().privacy;
  const map = reader.map(value, path);
  if (map === undefined) return out;
  reader.keys(map, path, ['redact_keys', 'hash_keys', 'hash_salt', 'scrub_strings', 'include_stack']);
  const redact = reader.stringList(map, path, 'redact_keys') ?? [];
  const seen = new Set(DEFAULT_REDACT_KEYS.map((k) => k.toLowerCase()));
  for (const key of redact) {
    if (!seen.has(key.toLowerCase())) {
      seen.add(key.toLowerCase());
      out.redactKeys.push(key);
    }
  }
  out.hashKeys = reader.stringList(map, path, 'hash_keys') ?? out.hashKeys;
  out.hashSalt = reader.string(map, path, 'hash_salt', { nonEmpty: false }) ?? out.hashSalt;
  out.scrubStrings = reader.bool(map, path, 'scrub_strings') ?? out.scrubStrings;
  out.includeStack = reader.bool(map, path, 'include_stack') ?? out.includeStack;
  return out;
}

/** `capture: { uncaught_exceptions, unhandled_rejections }`. */
export function readCapture(reader: ConfigReader, value: unknown, path: ConfigPath): Section<'capture'> {
  const out = defaultConfig().capture;
  const map = reader.map(value, path);
  if (map === undefined) return out;
  reader.keys(map, path, ['uncaught_exceptions', 'unhandled_rejections']);
  out.uncaughtExceptions = reader.bool(map, path, 'uncaught_exceptions') ?? out.uncaughtExceptions;
  out.unhandledRejections = reader.bool(map, path, 'unhandled_rejections') ?? out.unhandledRejections;
  return out;
}

/** `browser`: the remote configuration `decotel collect` serves at `GET /v1/config`. */
export function readBrowser(reader: ConfigReader, value: unknown, path: ConfigPath): Section<'browser'> {
  const out = defaultConfig().browser;
  const map = reader.map(value, path);
  if (map === undefined) return out;
  reader.keys(map, path, ['disable_events', 'rollout_percent', 'ingestion_url', 'format']);
  out.disableEvents = reader.patterns(map, path, 'disable_events') ?? out.disableEvents;
  out.rolloutPercent = reader.number(map, path, 'rollout_percent', { min: 0, max: 100 }) ?? out.rolloutPercent;
  const url = reader.string(map, path, 'ingestion_url');
  if (url !== undefined && !url.startsWith('/') && !isHttpUrl(url)) {
    reader.issues.add('INVALID_VALUE', [...path, 'ingestion_url'], `expected a path such as /v1/events or an http(s) URL, got ${describeValue(url)}`);
  } else if (url !== undefined) {
    out.ingestionUrl = url;
  }
  out.format = (reader.string(map, path, 'format', { oneOf: ['json', 'otlp'] }) as 'json' | 'otlp' | undefined) ?? out.format;
  return out;
}
