import type { AgentChannelView } from '../../../server/protocol/metrics.ts';
import { duration } from './format.ts';
import { isPlainKey, t } from './i18n/index.ts';

/** A channel code in words ("chat" -> "Chat", "文字客服"); an unknown code as it came. */
export function channelLabel(channel: string): string {
  const key = `channel.${channel}`;
  return isPlainKey(key) ? t(key) : channel;
}

/**
 * The slot chips of an agent's board row: one per channel ("Chat 2/3"), shown only when the
 * agent serves a channel besides voice (a voice-only agent's one slot says nothing new).
 */
export function slotChips(channels: readonly AgentChannelView[] | undefined, now: number): { key: string; state: string; text: string; title: string }[] {
  if (!channels || channels.every((c) => c.channel === 'voice')) return [];
  return channels.map((c) => {
    const channel = channelLabel(c.channel);
    const stateKey = `slotState.${c.state}`;
    const state = isPlainKey(stateKey) ? t(stateKey) : c.state;
    return {
      key: c.channel,
      state: c.state,
      text: t('board.slots', { channel, inUse: c.inUse, capacity: c.capacity }),
      title: t('board.slotsTitle', { channel, inUse: c.inUse, capacity: c.capacity, state, time: duration(Math.max(0, now - c.since) / 1000) }),
    };
  });
}
