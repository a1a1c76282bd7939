import { TrackDuration, TrackError, telemetry } from 'decotel';
import type { DecotelError } from 'decotel';
import { DECORATOR_MODE, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

class Accounts {
  @TrackDuration('acct.login', { captureArgs: true, captureResult: true })
  login(user: string, credentials: { password: string; otp: number }): { token: string; user: string } {
    return { token: `tok-${credentials.otp}`, user };
  }

  @TrackDuration('acct.fetch', { captureArgs: true, captureResult: true })
  async fetch(id: number): Promise<{ id: number; name: string }> {
    await settle();
    return { id, name: 'Ada' };
  }

  @TrackDuration('acct.mapped', {
    captureArgs: (user: string, credentials: { password: string }) => ({ user, secret: credentials.password }),
    captureResult: (result: { token: string }) => ({ tokenLength: result.token.length }),
  })
  mapped(user: string, credentials: { password: string }): { token: string } {
    return { token: `${user}-${credentials.password}` };
  }

  @TrackDuration('acct.badmap', {
    captureArgs: () => {
      throw new Error('mapper broke');
    },
    captureResult: () => 'not a record' as unknown as Record<string, unknown>,
  })
  badMap(x: number): number {
    return x + 1;
  }

  @TrackError('acct.denied', { captureArgs: true })
  deny(user: string): never {
    throw new Error(`denied ${user}`);
  }
}

describe(`captureArgs / captureResult (${DECORATOR_MODE} decorators)`, () => {
  it('captureArgs: true puts the arguments in properties.args of every event, made safe', () => {
    new Accounts().login('ada', { password: 'hunter2', otp: 123 });
    const started = only(memory(), 'acct.login.started');
    expect(started.properties.args).toEqual(['ada', { password: '[REDACTED]', otp: 123 }]);
    expect(only(memory(), 'acct.login.completed').properties.args).toEqual(['ada', { password: '[REDACTED]', otp: 123 }]);
  });

  it('captureResult: true puts the result in properties.result of the completed event, made safe', () => {
    new Accounts().login('ada', { password: 'hunter2', otp: 7 });
    expect(only(memory(), 'acct.login.completed').properties.result).toEqual({ token: '[REDACTED]', user: 'ada' });
    expect(only(memory(), 'acct.login.started').properties).not.toHaveProperty('result');
  });

  it('captures the resolved value of a promise', async () => {
    await new Accounts().fetch(5);
    await settle();
    expect(only(memory(), 'acct.fetch.completed').properties).toEqual({ args: [5], result: { id: 5, name: 'Ada' } });
  });

  it('merges the records of mapping functions into properties, through privacy', () => {
    new Accounts().mapped('bob', { password: 'pw' });
    expect(only(memory(), 'acct.mapped.started').properties).toEqual({ user: 'bob', secret: '[REDACTED]' });
    expect(only(memory(), 'acct.mapped.completed').properties).toEqual({ user: 'bob', secret: '[REDACTED]', tokenLength: 6 });
  });

  it('reports a throwing mapper, ignores a non-record, and never throws into the caller', () => {
    const errors: DecotelError[] = [];
    telemetry.on('error', (e) => errors.push(e));
    expect(new Accounts().badMap(1)).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('captureArgs');
    expect(errors[0].message).toContain('mapper broke');
    expect(only(memory(), 'acct.badmap.completed').properties).toEqual({});
  });

  it('puts the arguments on the failed event of @TrackError', () => {
    expect(() => new Accounts().deny('eve')).toThrow('denied eve');
    expect(only(memory(), 'acct.denied.failed').properties).toEqual({ args: ['eve'] });
  });
});
