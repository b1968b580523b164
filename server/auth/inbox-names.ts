import type { Logger } from 'pino';
import type { Command } from '../protocol/commands.ts';
import { clip } from '../validation/quote.ts';
import { looksLike } from './principal-name.ts';

/**
 * Wraps the submit of `npm run users`' inbox commands. The tool writes them without seeing the
 * log, the tokens or the displays, so a new person named like any principal (a token, a display,
 * open mode, another person; principal-name.ts) is refused here, as POST /users refuses it, and
 * logged; a change to a person who exists, by the exact name, passes.
 */
export function refuseLookAlikes(submit: (cmd: Command) => Promise<void>, people: { has(name: string): boolean }, principalNames: () => Iterable<string>, logger: Logger): (cmd: Command) => Promise<void> {
  return async (cmd) => {
    if (cmd.kind === 'user.upsert' && !people.has(cmd.name) && looksLike(cmd.name, principalNames())) {
      logger.warn({ name: clip(cmd.name) }, "users inbox: a new person may not take a token's, display's, open mode's or another person's name, or one like it; skipped");
      return;
    }
    await submit(cmd);
  };
}
