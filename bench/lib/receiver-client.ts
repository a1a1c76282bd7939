// The parent's side of bench/receiver.ts: starts it as a child process and talks to it over IPC.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { ReceiverStats } from '../receiver';

/** A running receiver child. */
export class Receiver {
  port = 0;
  private readonly _child: ChildProcess;
  private readonly _waiters: Array<{ type: string; resolve: (m: any) => void }> = [];

  private constructor(script: string) {
    this._child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this._child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'up' && m.port !== undefined) this.port = m.port;
      const i = this._waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this._waiters.splice(i, 1)[0].resolve(m);
    });
  }

  /** Starts the receiver (the script is the bundled receiver, next to the caller's bundle). */
  static async start(script = process.env.BENCH_RECEIVER_SCRIPT ?? ''): Promise<Receiver> {
    const r = new Receiver(script);
    await r._wait('up');
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stats(): Promise<ReceiverStats> {
    const reply = this._wait('stats');
    this._child.send({ cmd: 'stats' });
    return ((await reply) as { stats: ReceiverStats }).stats;
  }

  /** Stops listening and drops open connections: the sender now gets connection refused. */
  async down(): Promise<void> {
    const reply = this._wait('down');
    this._child.send({ cmd: 'down' });
    await reply;
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    const reply = this._wait('up');
    this._child.send({ cmd: 'up' });
    await reply;
  }

  /** Waits until the receiver's distinct ids stop growing for `quietMs`, or reach `target`, or `timeoutMs` passes. */
  async settle(target: number, quietMs: number, timeoutMs: number): Promise<ReceiverStats> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.stats();
    let since = Date.now();
    while (Date.now() < deadline && last.unique < target) {
      await new Promise((r) => setTimeout(r, 50));
      const next = await this.stats();
      if (next.unique !== last.unique || next.events !== last.events) since = Date.now();
      else if (Date.now() - since >= quietMs) return next;
      last = next;
    }
    return last;
  }

  stop(): void {
    this._child.send({ cmd: 'exit' });
    this._child.disconnect();
  }

  private _wait(type: string): Promise<any> {
    return new Promise((resolve) => this._waiters.push({ type, resolve }));
  }
}
