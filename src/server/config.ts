/**
 * Server settings from the environment, checked once at start: a wrong value stops the server with a sentence
 * saying what is wrong, rather than a stack trace later.
 */
export interface ServerConfig {
  port: number;
  host: string;
  distDir: string;
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

export function readConfig(env: NodeJS.ProcessEnv, distDir: string): ServerConfig {
  return { port: readPort(env.PORT, 8080), host: env.HOST?.trim() || '0.0.0.0', distDir };
}
