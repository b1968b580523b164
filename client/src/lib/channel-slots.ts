import type { AgentChannelView } from '../../../server/protocol/metrics.ts';
import { duration } from './format.ts';
import { isPlainKey, t } from './i18n/index.ts';

/** A channel code in words ("chat" -> "Chat", "文字客服"); an unknown code as it came. */
export function channelLabel(channel: string): string {
  const key = `channel.${channel}`;
  return isPlainKey(key) ? t(key) : channel;
}

/** Contacts open by queue, each in words ("Loans 2"), queue ids named by `queueName` ('' is a queue not known). */
export function queueContactTexts(byQueue: readonly { queueId: string; inUse: number }[], queueName: (id: string) => string): string[] {
  return byQueue.map((q) => t('board.queueContacts', { queue: q.queueId ? queueName(q.queueId) : t('board.queueUnknown'), count: q.inUse }));
}

/** Contacts open by queue in words, as one list ("Loans 2, Cards 1"); see queueContactTexts. */
export function byQueueText(byQueue: readonly { queueId: string; inUse: number }[], queueName: (id: string) => string): string {
  return queueContactTexts(byQueue, queueName).join(t('common.listSeparator'));
}

/** One channel's chip on an agent's board row: `text` on it, `title` its tooltip, `state` its look. */
export interface SlotChip {
  key: string;
  state: string;
  text: string;
  title: string;
}

/**
 * The slot chips of an agent's board row: one per channel ("Chat 2/3"), shown only when the
 * agent serves a channel besides voice (a voice-only agent's one slot says nothing new). The
 * title names the queues the open contacts came from: the slots are shared by all of them.
 */
export function slotChips(channels: readonly AgentChannelView[] | undefined, now: number, queueName: (id: string) => string): SlotChip[] {
  if (!channels || channels.every((c) => c.channel === 'voice')) return [];
  return channels.map((c) => {
    const channel = channelLabel(c.channel);
    const stateKey = `slotState.${c.state}`;
    const state = isPlainKey(stateKey) ? t(stateKey) : c.state;
    return {
      key: c.channel,
      state: c.state,
      text: t('board.slots', { channel, inUse: c.inUse, capacity: c.capacity }),
      title:
        t('board.slotsTitle', { channel, inUse: c.inUse, capacity: c.capacity, state, time: duration(Math.max(0, now - c.since) / 1000) }) +
        (c.byQueue.length ? t('board.slotsFrom', { queues: byQueueText(c.byQueue, queueName) }) : ''),
    };
  });
}
