import type { Logger } from 'pino';
import type { Command } from '../protocol/commands.ts';
import { takeCommands } from './command-file.ts';

/** How often (ms) a running server looks for commands left by `npm run users`. */
export const INBOX_POLL_MS = 1000;

export interface InboxWatch {
  /** Takes whatever waits now; errors are logged, not thrown. */
  takeNow(): Promise<void>;
  start(): void;
  stop(): void;
}

/**
 * Watches the inbox file (DIRECTORY_FILE) of `npm run users`: every `everyMs` its commands are
 * submitted to the log (so they reach every replica and outlive restarts) and the file is
 * renamed aside, so a user added while the server runs can sign in within about a second.
 * A bad file is logged once and left for a person to fix.
 */
export function watchInbox(path: string, submit: (cmd: Command) => Promise<void>, logger: Logger, everyMs = INBOX_POLL_MS): InboxWatch {
  let busy = false;
  let lastError = '';
  let timer: NodeJS.Timeout | null = null;
  const takeNow = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const commands = takeCommands(path);
      for (const cmd of commands) await submit(cmd);
      if (commands.length) logger.info({ path, commands: commands.length }, 'imported the users inbox');
      lastError = '';
    } catch (err) {
      const message = (err as Error).message;
      if (message !== lastError) logger.error({ path, err: message }, 'could not import the users inbox');
      lastError = message;
    } finally {
      busy = false;
    }
  };
  return {
    takeNow,
    start() {
      timer = setInterval(() => void takeNow(), everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
