import type { Say } from './plan-change-text.ts';

/**
 * Who did something, as the page names them: open mode's anonymous principal (the server says
 * so with a flag beside its English name) in the page's language, anyone else by their own name.
 */
export function principalName(name: string, openMode: boolean | undefined, say: Say): string {
  return openMode ? say('audit.openMode') : name;
}
