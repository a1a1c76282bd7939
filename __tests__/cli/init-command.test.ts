import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCommand } from '../../src/cli/init-command';
import { validateCommand } from '../../src/cli/validate-command';
import { telemetry } from 'decotel';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd, env: {} as Record<string, string | undefined> } };
}

describe('initCommand()', () => {
  it('writes a starter config that validate accepts and telemetry loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decotel-init-'));
    const a = io(dir);
    await expect(initCommand([], a.io)).resolves.toBe(0);
    expect(a.out.join('')).toContain('wrote telemetry.config.yaml');
    const b = io(dir);
    await expect(validateCommand([], b.io)).resolves.toBe(0);
    telemetry.reset();
    telemetry.configure({ configPath: join(dir, 'telemetry.config.yaml') });
    expect(telemetry.config.service.name).toBe('my-service');
    expect(telemetry.config.destinations.map((d) => d.name)).toEqual(['console', 'collector']);
    telemetry.reset();
  });

  it('refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decotel-init-'));
    const path = join(dir, 'custom.yaml');
    writeFileSync(path, 'mine');
    const a = io(dir);
    await expect(initCommand(['custom.yaml'], a.io)).resolves.toBe(1);
    expect(a.err.join('')).toContain('already exists; pass --force');
    expect(readFileSync(path, 'utf8')).toBe('mine');
    await expect(initCommand(['custom.yaml', '--force'], io(dir).io)).resolves.toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('telemetry:');
    await expect(initCommand(['a', 'b'], io(dir).io)).resolves.toBe(2);
  });
});
