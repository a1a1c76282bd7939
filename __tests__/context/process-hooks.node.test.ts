import { telemetry } from 'decotel';

const EVENTS = ['uncaughtException', 'SIGTERM', 'SIGINT'] as const;

function counts(): number[] {
  return EVENTS.map((e) => process.listenerCount(e));
}

afterEach(() => telemetry.reset());

describe('applyProcessHooks() through telemetry.configure()', () => {
  it('capture and shutdown_on_signals install the handlers once; shutdown() removes them', async () => {
    const before = counts();
    const config = { telemetry: { capture: { uncaught_exceptions: true, unhandled_rejections: false }, shutdown_on_signals: true } };
    telemetry.configure({ config });
    telemetry.configure({ config });
    expect(counts()).toEqual(before.map((n) => n + 1));
    await telemetry.shutdown(100);
    expect(counts()).toEqual(before);
  });

  it('unhandled_rejections alone installs the uncaughtException listener Node raises rejections through', () => {
    const before = counts();
    telemetry.configure({ config: { telemetry: { capture: { uncaught_exceptions: false, unhandled_rejections: true } } } });
    expect(counts()).toEqual([before[0] + 1, before[1], before[2]]);
    telemetry.reset();
    expect(counts()).toEqual(before);
  });

  it('installs nothing by default', () => {
    const before = counts();
    telemetry.configure({ config: { telemetry: {} } });
    expect(counts()).toEqual(before);
  });
});
