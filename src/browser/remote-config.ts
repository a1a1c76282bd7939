/** The remote configuration of the browser SDK (DESIGN.md §8), as `GET configUrl` answers it. */
export interface RemoteConfig {
  /** Send nothing at all. Default: `false`. */
  disable_telemetry: boolean;
  /** Globs (DESIGN.md §6) of event names never sent. Default: `[]`. */
  disable_events: string[];
  /** Share of browser sessions (0–100) that send. Default: `100`. */
  rollout_percent: number;
  /** Where batches go, resolved against the configuration's URL. Default: `'/v1/events'`. */
  ingestion_url: string;
  /** The body format. Default: `'json'`. */
  format: 'json' | 'otlp';
}

/** Defaults of {@link RemoteConfig}. */
export const DEFAULT_INGESTION_URL = '/v1/events';
export const DEFAULT_ROLLOUT_PERCENT = 100;

/**
 * A complete {@link RemoteConfig} from what the endpoint answered, defaults filled in, or
 * `null` when the answer is not a JSON object. Fields of the wrong type take their default.
 * Pure.
 */
export function normalizeRemoteConfig(value: unknown): RemoteConfig | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const percent = typeof v.rollout_percent === 'number' && Number.isFinite(v.rollout_percent) ? v.rollout_percent : DEFAULT_ROLLOUT_PERCENT;
  return {
    disable_telemetry: v.disable_telemetry === true,
    disable_events: Array.isArray(v.disable_events) ? v.disable_events.filter((p): p is string => typeof p === 'string') : [],
    rollout_percent: Math.min(100, Math.max(0, percent)),
    ingestion_url: typeof v.ingestion_url === 'string' && v.ingestion_url !== '' ? v.ingestion_url : DEFAULT_INGESTION_URL,
    format: v.format === 'otlp' ? 'otlp' : 'json',
  };
}

/**
 * True when a session whose draw is `draw` (uniform in [0, 1)) is in a rollout of
 * `percent` %. Drawn once per worker lifetime, so all of a session's events share it. Pure.
 */
export function isInRollout(percent: number, draw: number): boolean {
  return draw * 100 < percent;
}
