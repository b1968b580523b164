import { t } from './i18n/index.ts';

/** What a queue picker needs of a queue. */
export interface PickedQueue {
  tenant: string;
  name: string;
}

/** Whether `queues` hold more than one client's queues (then two may share a name, as "care"). */
export function spansClients(queues: readonly PickedQueue[]): boolean {
  return queues.some((q) => q.tenant !== queues[0].tenant);
}

/**
 * A queue as a picker lists it: its name, and its client's name before it when the list holds
 * several clients' queues, so two clients' "care" can be told apart.
 */
export function queueOptionLabel(q: PickedQueue, severalClients: boolean, tenantNames: Readonly<Record<string, string>>): string {
  return severalClients ? t('common.clientQueue', { client: tenantNames[q.tenant] ?? q.tenant, queue: q.name }) : q.name;
}
