import type { PrincipalKind } from '../../../server/protocol/people.ts';
import type { Say } from './plan-change-text.ts';

/** How `npm run users` names itself in what it writes: "cli (<the operator's login>)". */
const CLI_NAME = /^cli \((.*)\)$/;

/**
 * Who did something, as the page names them: open mode's anonymous principal (the server says
 * so with a flag beside its English name) in the page's language, a token marked as one (a
 * person may have had a token's name before names were checked), the people tool by the
 * operator's login in the page's words, anyone else by their own name.
 */
export function principalName(name: string, openMode: boolean | undefined, say: Say, kind: PrincipalKind | null = null): string {
  if (openMode) return say('audit.openMode');
  if (kind === 'cli') {
    const login = CLI_NAME.exec(name)?.[1];
    if (login !== undefined) return say('principal.cli', { login });
  }
  return kind === 'token' ? say('principal.token', { name }) : name;
}
