import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetry } from 'decotel';
import type { ResourceInfo } from 'decotel';

beforeEach(() => telemetry.reset());

function captureResource(config: Record<string, unknown>): ResourceInfo {
  let resource: ResourceInfo | undefined;
  telemetry.registerDestinationType('probe', (_o, ctx) => {
    resource = ctx.resource;
    return { handle: () => undefined };
  });
  telemetry.configure({ config: { telemetry: { ...config, destinations: { p: { type: 'probe', events: ['*'] } } } } });
  return resource as ResourceInfo;
}

describe('Tracker setup', () => {
  it('installation_id: auto keeps one UUID per machine in the config folder', () => {
    const home = mkdtempSync(join(tmpdir(), 'decotel-home-'));
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = home;
    try {
      const first = captureResource({ installation_id: 'auto' }).installationId;
      telemetry.reset();
      const second = captureResource({ installation_id: 'auto' }).installationId;
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toBe(first);
      expect(readFileSync(join(home, 'decotel', 'installation-id'), 'utf8').trim()).toBe(first);
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
  });

  it('sends no installation id by default and the service identity once per batch', () => {
    const resource = captureResource({ service: { name: 'shop', version: '1.2.3', environment: 'test' } });
    expect(resource.installationId).toBeUndefined();
    expect(resource).toMatchObject({ service: { name: 'shop', version: '1.2.3', environment: 'test' }, sdk: { name: 'decotel' }, platform: { runtime: 'node', version: process.version } });
    expect(resource.sessionId).toBe(telemetry.sessionId);
  });

  it('debug: true prints each fault kind once', () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    telemetry.configure({ config: { telemetry: { debug: true } } });
    telemetry.addDestination({ name: 'bad', handle: () => { throw new Error('boom'); } });
    telemetry.track('a.b');
    telemetry.track('a.c');
    const lines = printed.mock.calls.map((c) => String(c[0]));
    printed.mockRestore();
    expect(lines.filter((l) => l.includes('DESTINATION_FAILED'))).toHaveLength(1);
    expect(telemetry.stats().destinations.bad.failed).toBe(2);
  });

  it('keeps added destinations when configure() runs', () => {
    const seen: string[] = [];
    telemetry.addDestination({ name: 'added', handle: (e) => void seen.push(e.name) });
    telemetry.configure({ config: { telemetry: {} } });
    telemetry.track('a.b');
    expect(seen).toEqual(['session.start', 'a.b']);
  });

  it('enabled: false makes every call a no-op with nothing delivered', () => {
    const seen: string[] = [];
    telemetry.registerDestinationType('spy', () => ({ handle: (e) => void seen.push(e.name) }));
    telemetry.configure({ config: { telemetry: { enabled: false, destinations: { s: { type: 'spy', events: ['*'] } } } } });
    telemetry.track('a.b');
    telemetry.captureException(new Error('x'));
    expect(seen).toEqual([]);
    expect(telemetry.stats().destinations).toEqual({});
  });
});
