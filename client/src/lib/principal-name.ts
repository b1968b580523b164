import type { PrincipalKind } from '../../../server/protocol/people.ts';
import type { Say } from './plan-change-text.ts';

/**
 * Who did something, as the page names them: open mode's anonymous principal (the server says
 * so with a flag beside its English name) in the page's language, a token marked as one (a
 * person may have had a token's name before names were checked), anyone else by their own name.
 */
export function principalName(name: string, openMode: boolean | undefined, say: Say, kind: PrincipalKind | null = null): string {
  if (openMode) return say('audit.openMode');
  return kind === 'token' ? say('principal.token', { name }) : name;
}
