/**
 * Server settings from the environment, checked once at start: a wrong value stops the server with a sentence
 * saying what is wrong, rather than a stack trace later.
 */
import { resolve } from 'node:path';
import { MAX_RETENTION_DAYS, parseDays } from './retention';

export interface ServerConfig {
  port: number;
  host: string;
  distDir: string;
  /** Where the SQLite file lives (DATA_DIR, default ./data), created if missing. */
  dataDir: string;
  /** TRUST_PROXY=1: count per-address limits by X-Forwarded-For (set only behind a reverse proxy). */
  limits: { trustProxy: boolean };
  /** RETENTION_DAYS: residents' about-you answers older than this are erased (retention.ts); null keeps them. */
  retentionDays: number | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readPort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(`PORT must be a whole number from 0 to 65535; it is "${raw}".`);
  const port = Number(raw);
  if (port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535; it is ${port}.`);
  return port;
}

export function readFlag(raw: string | undefined, name: string): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ConfigError(`${name} must be 1, true, 0 or false; it is "${raw}".`);
}

/** RETENTION_DAYS (retention.ts): null when unset or empty, which keeps answers until erased by hand. */
export function readRetentionDays(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const days = parseDays(raw);
  if (days === null) {
    throw new ConfigError(
      `RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}; it is "${raw}".`,
    );
  }
  return days;
}

export function readConfig(env: NodeJS.ProcessEnv, distDir: string): ServerConfig {
  return {
    port: readPort(env.PORT, 8080),
    host: env.HOST?.trim() || '0.0.0.0',
    distDir,
    dataDir: resolve(env.DATA_DIR?.trim() || 'data'),
    limits: { trustProxy: readFlag(env.TRUST_PROXY, 'TRUST_PROXY') },
    retentionDays: readRetentionDays(env.RETENTION_DAYS),
  };
}
