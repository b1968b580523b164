import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/lib/i18n/en.ts';
import { fill, type Locale } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { principalName } from '../../client/src/lib/principal-name.ts';

/** The page's words in one language, as the i18n `t` fills them. */
const sayIn = (l: Locale) => (key: MessageKey, params?: Record<string, string | number>) => fill(l, (l === 'en' ? en : zhTW)[key], params);

describe("who made a change, in the page's language", () => {
  it("words open mode's anonymous principal in English and Chinese from the server's flag", () => {
    expect(principalName('anonymous (open mode)', true, sayIn('en'))).toBe('anonymous (open mode)');
    expect(principalName('anonymous (open mode)', true, sayIn('zh-TW'))).toBe('匿名使用者（開放模式）');
  });

  it('names anyone else by their own name, and an entry of a server that sends no flag by its name', () => {
    expect(principalName('boss', false, sayIn('zh-TW'))).toBe('boss');
    expect(principalName('display Lobby', false, sayIn('zh-TW'))).toBe('display Lobby');
    expect(principalName('anonymous (open mode)', undefined, sayIn('zh-TW'))).toBe('anonymous (open mode)');
  });

  it('marks a token as one, so a person who took its name before names were checked is told apart', () => {
    expect(principalName('admin', false, sayIn('en'), 'token')).toBe('admin (token)');
    expect(principalName('admin', false, sayIn('zh-TW'), 'token')).toBe('admin（權杖）');
    expect(principalName('admin', false, sayIn('en'), 'person')).toBe('admin');
    expect(principalName('admin', false, sayIn('en'), null)).toBe('admin');
  });

  it("words the people tool (npm run users) in the page's language, with the operator's login", () => {
    expect(principalName('cli (root)', false, sayIn('en'), 'cli')).toBe('command line (root)');
    expect(principalName('cli (unknown)', false, sayIn('zh-TW'), 'cli')).toBe('命令列工具（unknown）');
    // A name the tool did not write that way is shown as it is.
    expect(principalName('cli', false, sayIn('zh-TW'), 'cli')).toBe('cli');
  });
});
