import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The file that keeps the machine's installation id: `<config folder>/decotel/installation-id`. */
export function installationIdPath(env: Record<string, string | undefined>, home: string = homedir()): string {
  const base = env.XDG_CONFIG_HOME || (process.platform === 'win32' && env.APPDATA) || join(home, '.config');
  return join(base, 'decotel', 'installation-id');
}

/**
 * One random UUID per machine, kept in the user's config folder (`installation_id: auto`).
 * Read at configure time, never per event; if the file cannot be written the id lives for
 * this process only.
 */
export function machineInstallationId(path: string): string {
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (UUID.test(existing)) return existing;
  } catch {
    // Not there yet: make one.
  }
  const id = randomUUID();
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${id}\n`, { mode: 0o600 });
  } catch {
    // A read-only home: the id still identifies this process's batches.
  }
  return id;
}
