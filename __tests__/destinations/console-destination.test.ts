import { ConsoleDestination, telemetry } from 'decotel';

beforeEach(() => telemetry.reset());

describe('ConsoleDestination', () => {
  it('writes one pretty line an event to stderr, never multi-line', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    telemetry.addDestination(new ConsoleDestination({ name: 'console' }));
    telemetry.setContext({ requestId: 'r1' });
    telemetry.track('checkout.failed', { note: 'line1\nline2' });
    const lines = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-.*Z ERROR checkout\.failed \{"note":"line1\\nline2"\} requestId=r1\n$/);
    expect(lines[0].trimEnd()).not.toContain('\n');
  });

  it('writes JSON lines to stdout with format json', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    telemetry.configure({ config: { telemetry: { destinations: { c: { type: 'console', format: 'json', stream: 'stdout', events: ['a.*'] } } } } });
    telemetry.track('a.b', { n: 1 });
    const json = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"a.b"'));
    write.mockRestore();
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0])).toMatchObject({ name: 'a.b', properties: { n: 1 } });
    expect(telemetry.stats().destinations.c.delivered).toBe(1);
  });
});
