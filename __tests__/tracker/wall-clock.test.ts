import { MemoryDestination, TrackDuration, telemetry } from 'decotel';
import { WALL_CLOCK_CHECK_INTERVAL_MS, WallClock } from '../../src/tracker/wall-clock';

const T0 = 1_700_000_000_000;

/** Within a millisecond: a re-anchored clock puts the truncated `Date.now()` mid-millisecond. */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);
}

/** A wall clock whose `Date.now()` is a variable the test sets: arithmetic, no real time. */
function fakeWall(start: number): { clock: WallClock; wall: { now: number; reads: number } } {
  const wall = { now: start, reads: 0 };
  jest.spyOn(Date, 'now').mockImplementation(() => {
    wall.reads++;
    return wall.now;
  });
  return { clock: new WallClock(), wall };
}

afterEach(() => jest.restoreAllMocks());

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

    it('anchors on Date.now() at the first timestamp, then adds monotonic time, reading Date.now() once per interval (#10)', () => {
      const { clock, wall } = fakeWall(T0);
      // Date.now() truncates: the anchor is put mid-millisecond.
      expect(clock.epochMs(0)).toBe(T0 + 0.5);
      wall.now = T0 + 10;
      expect(clock.epochMs(10.25)).toBe(T0 + 10.75);
      expect(wall.reads).toBe(1);
      wall.now = T0 + WALL_CLOCK_CHECK_INTERVAL_MS;
      expect(clock.epochMs(WALL_CLOCK_CHECK_INTERVAL_MS + 0.25)).toBe(T0 + WALL_CLOCK_CHECK_INTERVAL_MS + 0.75);
      expect(wall.reads).toBe(2);
    });

    it('follows a wall-clock step at the next check, forwards or back (#10)', () => {
      const { clock, wall } = fakeWall(T0);
      clock.epochMs(0);
      // The wall clock jumps an hour ahead: unseen until a second of monotonic time has passed.
      wall.now = T0 + 3_600_000 + 500;
      expectNear(clock.epochMs(500), T0 + 500);
      wall.now = T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS;
      expectNear(clock.epochMs(WALL_CLOCK_CHECK_INTERVAL_MS), T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS);
      expectNear(clock.epochMs(WALL_CLOCK_CHECK_INTERVAL_MS + 7), T0 + 3_600_000 + WALL_CLOCK_CHECK_INTERVAL_MS + 7);
      // And back by a minute.
      wall.now = T0 + 3_540_000 + 3 * WALL_CLOCK_CHECK_INTERVAL_MS;
      expectNear(clock.epochMs(3 * WALL_CLOCK_CHECK_INTERVAL_MS), T0 + 3_540_000 + 3 * WALL_CLOCK_CHECK_INTERVAL_MS);
    });

    it('checks again when the monotonic time runs backwards (a faked clock) (#10)', () => {
      const { clock, wall } = fakeWall(T0);
      clock.epochMs(5_000);
      expectNear(clock.epochMs(100), T0);
      expect(wall.reads).toBe(2);
    });

    it('keeps its anchor when Date.now() only truncates the same time (#10)', () => {
      const { clock, wall } = fakeWall(T0);
      clock.epochMs(0);
      wall.now = T0 + 2_000;
      expect(clock.epochMs(2_000.9)).toBe(T0 + 0.5 + 2_000.9);
      expect(wall.reads).toBe(2);
    });
  });

  describe('iso()', () => {
    it('formats the derived time once per millisecond (#10)', () => {
      const { clock } = fakeWall(Date.UTC(2023, 10, 14, 22, 13, 20, 123));
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
    // The started event's reading, the duration's start (after the started event was handed on), its end.
    const now = jest.spyOn(performance, 'now').mockReturnValueOnce(1_000).mockReturnValueOnce(1_040).mockReturnValueOnce(1_290.5);
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
    const now = jest.spyOn(performance, 'now').mockReturnValueOnce(2_000).mockReturnValueOnce(2_012);
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
