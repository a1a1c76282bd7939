// Pure: turns the collected events and the tracker's stats into the demo's closing summary.
import type { TelemetryEvent, TrackerStats } from '../../src/index';

export interface NameSummary {
  name: string;
  count: number;
  p50?: number;
  p95?: number;
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarizeByName(events: readonly TelemetryEvent[]): NameSummary[] {
  const byName = new Map<string, number[]>();
  const counts = new Map<string, number>();
  for (const e of events) {
    counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    if (typeof e.durationMs === 'number') {
      const list = byName.get(e.name) ?? [];
      list.push(e.durationMs);
      byName.set(e.name, list);
    }
  }
  return [...counts]
    .map(([name, count]) => {
      const sorted = (byName.get(name) ?? []).sort((a, b) => a - b);
      return { name, count, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function dropsByReason(stats: TrackerStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of Object.values(stats.destinations)) for (const [reason, n] of Object.entries(s.dropped)) out[reason] = (out[reason] ?? 0) + (n ?? 0);
  return out;
}

const ms = (v: number | undefined) => (v === undefined ? '      –' : `${v.toFixed(1).padStart(7)}`);

export function formatSummary(events: readonly TelemetryEvent[], stats: TrackerStats, jsonlPath: string): string {
  const rows = summarizeByName(events);
  const errors = events.filter((e) => e.error !== undefined);
  const lines = ['', `decotel demo: ${events.length} events collected`, '', `${'event'.padEnd(28)} ${'count'.padStart(5)}  p50 ms  p95 ms`];
  for (const r of rows) lines.push(`${r.name.padEnd(28)} ${String(r.count).padStart(5)} ${ms(r.p50)} ${ms(r.p95)}`);
  lines.push('', `errors: ${errors.length}`);
  const byType = new Map<string, number>();
  for (const e of errors) byType.set(`${e.name}: ${e.error?.type}: ${e.error?.message}`, (byType.get(`${e.name}: ${e.error?.type}: ${e.error?.message}`) ?? 0) + 1);
  for (const [what, n] of byType) lines.push(`  ${n} × ${what}`);
  const drops = Object.entries(dropsByReason(stats));
  lines.push(`drops: ${drops.length === 0 ? 'none' : drops.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  lines.push(`events written to ${jsonlPath}`, '');
  return lines.join('\n');
}
