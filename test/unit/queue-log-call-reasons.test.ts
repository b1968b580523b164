import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/lib/i18n/en.ts';
import type { Message } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { QueueLogTranslator } from '../../server/ingest/queue-log.ts';

// Asterisk writes no call reasons; the translator names transferred calls itself, so the
// screens must have words for that code (before, the call reasons panel showed "transferred").
describe('call reasons the queue_log translator writes', () => {
  it('have words in English and Traditional Chinese', () => {
    const translator = new QueueLogTranslator('default', 'test');
    const lines = ['1763600000|c1|sales|PJSIP/101|ENTERQUEUE||', '1763600005|c1|sales|PJSIP/101|CONNECT|5|c1.1|2', '1763600065|c1|sales|PJSIP/101|BLINDTRANSFER|200|default|5|60|1'];
    const codes = lines.flatMap((l, i) => translator.line(l, i + 1).events).flatMap((e) => (typeof e.disposition === 'string' ? [e.disposition] : []));
    expect(codes).toEqual(['transferred']);
    const words = (dictionary: Record<string, Message>, code: string) => dictionary[`disposition.${code}`];
    expect(codes.map((c) => [words(en, c), words(zhTW, c)])).toEqual([['Transferred', '已轉接']]);
  });
});
