import { MemoryDestination, TrackDuration, telemetry } from 'decotel';
import { WALL_CLOCK_CHECK_INTERVAL_MS, WallClock } from '../../src/tracker/wall-clock';

const T0 = 1_700_000_000_000;

/** Within a millisecond: a re-anchored clock puts the truncated `Date.now()` mid-millisecond. */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);
}

/**
 * A WallClock on clocks the test sets: the wall clock (`wall.now`) and the monotonic clock, which
 * `at(ms)` moves to `ms` before asking for the time of a reading taken at `ms`. Arithmetic, no real time.
 */
function fakeClocks(start: number): { clock: WallClock; wall: { now: number; reads: number }; at: (monoMs: number, readMs?: number) => number } {
  const wall = { now: start, reads: 0 };
  let mono = 0;
  const clock = new WallClock(
    () => {
      wall.reads++;
      return wall.now;
    },
    () => mono,
  );
  // `readMs`: when the monotonic clock is at when the time of the (older) reading `monoMs` is asked.
  const at = (monoMs: number, readMs = monoMs): number => {
    mono = readMs;
    return clock.epochMs(monoMs);
  };
  return { clock, wall, at };
}

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('WallClock', () => {
  describe('epochMs()', () => {
    it('stays within a few milliseconds of Date.now() with the real clocks (#10)', () => {
      const clock = new WallClock();
      for (let i = 0; i < 1_000; i++) {
        const before = Date.now();
        const derived = clock.epochMs(performance.now());
        const after = Date.now();
        expect(derived).toBeGreaterThanOrEqual(before - 3);
        expect(derived).toBeLessThanOrEqual(after + 3);
      }
    });

    it('anchors on the wall clock at the first timestamp, then adds monotonic time, reading the wall clock once per interval (#10)', () => {
      const { wall, at } = fakeClocks(T0);
      // Date.now() truncates: the anchor is put mid-millisecond.
      expect(at(0)).toBe(T0 + 0.5);
      wall.now = T0 + 10;
      expect(at(10.25)).toBe(T0 + 10.75);
      expect(wall.reads).toBe(1);
      wall.now = T0 + WALL_CLOCK_CHECK_INTERVAL_MS;
      expect(at(WALL_CLOCK_CHECK_INTERVAL_MS + 0.25)).toBe(T0 + WALL_CLOCK_CHECK_INTERVAL_MS + 0.75);
      expect(wall.reads).toBe(2);
    });

    it('follows a wall-clock step at the next check, forwards or back (#10)', () => {
      const { wall, at } = fakeClocks(T0);
      at(0);
      // The wall clock jumps an hour ahead: unseen until a second of monotonic time has passed.
      wall.now = T0 + 3_600_000 + 500;
      expectNear(at(500), T0 + 500);
      wall.now = T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS;
      expectNear(at(WALL_CLOCK_CHECK_INTERVAL_MS), T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS);
      expectNear(at(WALL_CLOCK_CHECK_INTERVAL_MS + 7), T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS + 7);
      // And back by a minute.
      wall.now = T0 + 3_540_000 + 3 * WALL_CLOCK_CHECK_INTERVAL_MS;
      expectNear(at(3 * WALL_CLOCK_CHECK_INTERVAL_MS), T0 + 3_540_000 + 3 * WALL_CLOCK_CHECK_INTERVAL_MS);
    });

    it('checks again when the monotonic time runs backwards (a faked clock) (#10)', () => {
      const { wall, at } = fakeClocks(T0);
      at(5_000);
      expectNear(at(100), T0);
      expect(wall.reads).toBe(2);
    });

    it('keeps its anchor when Date.now() only truncates the same time (#10)', () => {
      const { wall, at } = fakeClocks(T0);
      at(0);
      wall.now = T0 + 2_000;
      expect(at(2_000.9)).toBe(T0 + 0.5 + 2_000.9);
      expect(wall.reads).toBe(2);
    });

    it('anchors on a fresh pair of readings when the reading to date is older (a captureResult, a GC pause ran since) (#10)', () => {
      const { wall, at } = fakeClocks(T0);
      at(0);
      // The check is due; the event's reading was taken at 1 000, the clocks now say 1 006.
      wall.now = T0 + 1_006;
      expectNear(at(1_000, 1_006), T0 + 1_000);
      // The next events are dated right, with no re-anchoring in between.
      expectNear(at(1_500), T0 + 1_500);
      expect(wall.reads).toBe(2);
    });

    it('reads Date.now() itself while Date.now is replaced (fake timers, a spy) (#10)', () => {
      const clock = new WallClock();
      clock.epochMs(performance.now());
      jest.spyOn(Date, 'now').mockReturnValue(T0);
      expect(clock.epochMs(performance.now())).toBe(T0);
    });
  });

  describe('iso()', () => {
    it('formats the derived time once per millisecond (#10)', () => {
      const { clock } = fakeClocks(Date.UTC(2023, 10, 14, 22, 13, 20, 123));
      const iso = jest.spyOn(Date.prototype, 'toISOString');
      try {
        expect(clock.iso(0.1)).toBe('2023-11-14T22:13:20.123Z');
        expect(clock.iso(0.4)).toBe('2023-11-14T22:13:20.123Z');
        expect(iso).toHaveBeenCalledTimes(1);
        expect(clock.iso(0.6)).toBe('2023-11-14T22:13:20.124Z');
        expect(iso).toHaveBeenCalledTimes(2);
      } finally {
        iso.mockRestore();
      }
    });
  });
});

describe('event timestamps', () => {
  beforeEach(() => telemetry.reset());

  it('date a call\'s events by its own clock readings, the duration covering the method alone (#10)', () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    class Job {
      @TrackDuration('job.run')
      run(): number {
        return 1;
      }
    }
    // The started event's reading, the duration's start (after the started event was handed on),
    // its end; just after a first event, so that the wall clock's once-a-second check is not due.
    telemetry.track('warm.up');
    memory.clear();
    const t = performance.now();
    const now = jest.spyOn(performance, 'now').mockReturnValueOnce(t).mockReturnValueOnce(t + 40).mockReturnValueOnce(t + 290.5);
    let reads: number;
    try {
      new Job().run();
      reads = now.mock.calls.length;
    } finally {
      now.mockRestore();
    }
    expect(reads).toBe(3);
    const [started, completed] = memory.events;
    expect(completed.durationMs).toBe(250.5);
    expect(Date.parse(completed.timestamp) - Date.parse(started.timestamp)).toBeGreaterThanOrEqual(290);
    expect(Date.parse(completed.timestamp) - Date.parse(started.timestamp)).toBeLessThanOrEqual(291);
  });

  it('read the clock twice for a call without a started event (#10)', () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    class Job {
      @TrackDuration('job.quiet', { started: false })
      run(): number {
        return 1;
      }
    }
    telemetry.track('warm.up');
    memory.clear();
    const t = performance.now();
    const now = jest.spyOn(performance, 'now').mockReturnValueOnce(t).mockReturnValueOnce(t + 12);
    let reads: number;
    try {
      new Job().run();
      reads = now.mock.calls.length;
    } finally {
      now.mockRestore();
    }
    expect(reads).toBe(2);
    expect(memory.events.map((e) => [e.name, e.durationMs])).toEqual([['job.quiet.completed', 12]]);
  });

  it('follow Jest\'s fake timers: setSystemTime dates events, advancing the timers times calls (#10)', async () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    class Job {
      @TrackDuration('job.wait')
      async wait(): Promise<string> {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return 'done';
      }
    }
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2020-01-01T00:00:00.000Z'));
    telemetry.track('clock.faked');
    const done = new Job().wait();
    await jest.advanceTimersByTimeAsync(500);
    await expect(done).resolves.toBe('done');
    jest.useRealTimers();
    expect(memory.events.map((e) => [e.name, e.timestamp])).toEqual([
      ['clock.faked', '2020-01-01T00:00:00.000Z'],
      ['job.wait.started', '2020-01-01T00:00:00.000Z'],
      ['job.wait.completed', '2020-01-01T00:00:00.500Z'],
    ]);
    expect(memory.events[2].durationMs).toBe(500);
  });

  it('stay within a few milliseconds of Date.now() (#10)', () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    const before = Date.now();
    telemetry.track('clock.check');
    const after = Date.now();
    const at = Date.parse(memory.events[0].timestamp);
    expect(at).toBeGreaterThanOrEqual(before - 3);
    expect(at).toBeLessThanOrEqual(after + 3);
  });
});
