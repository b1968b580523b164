import { pino } from 'pino';
import { ConfigError, loadConfig } from './config/config.ts';
import { createApp } from './http/app.ts';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

const logger = pino({ level: config.logLevel });
const floor = await createApp({ config, logger });
const port = await floor.listen();
logger.info(
  { port, opsPort: floor.opsPort() ?? undefined, timezone: config.timezone, intervalMinutes: config.intervalMinutes, simulator: config.simulator, config: config.source },
  `Floorboard is up: http://localhost:${port}`,
);
if (floor.auth.open) {
  logger.warn('AUTH IS OFF (open mode): no tokens are configured, so anyone who reaches this port sees every tenant. Set FLOORBOARD_TOKENS before exposing it.');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info(`${signal}: shutting down`);
    // Every acknowledged write is already durable, so a close that hangs (a connection that
    // never finishes) must not keep a stopped server alive: exit after a deadline.
    setTimeout(() => {
      logger.warn('shutdown did not finish in 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    void floor.close().then(() => process.exit(0));
  });
}
