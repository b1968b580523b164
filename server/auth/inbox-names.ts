import type { Logger } from 'pino';
import type { Command } from '../protocol/commands.ts';
import { clip } from '../validation/quote.ts';
import { looksLike, personNameProblem } from './principal-name.ts';

/**
 * Wraps the submit of `npm run users`' inbox commands. The tool writes them without seeing the
 * log, the tokens or the displays, and an inbox file may be written by hand, so a new person's
 * name is held to what POST /users holds it to (principal-name.ts): one it refuses (invisible
 * characters, Latin mixed with Cyrillic or Greek, spaces), or one like any principal's (a token, a
 * display, open mode, another person), is refused here and logged; a change to a person who
 * exists, by the exact name, passes.
 */
export function refuseBadNewNames(submit: (cmd: Command) => Promise<void>, people: { has(name: string): boolean }, principalNames: () => Iterable<string>, logger: Logger): (cmd: Command) => Promise<void> {
  return async (cmd) => {
    if (cmd.kind === 'user.upsert' && !people.has(cmd.name)) {
      const problem = personNameProblem(cmd.name);
      if (problem) {
        logger.warn({ name: clip(cmd.name) }, `users inbox: a new person's name ${problem}; skipped`);
        return;
      }
      if (looksLike(cmd.name, principalNames())) {
        logger.warn({ name: clip(cmd.name) }, "users inbox: a new person may not take a token's, display's, open mode's or another person's name, or one like it; skipped");
        return;
      }
    }
    await submit(cmd);
  };
}
