import { describe, expect, it } from 'vitest';
import { mixedScriptProblem } from '../../server/auth/principal-name.ts';
import { invisibleProblem } from '../../server/validation/invisible-text.ts';

describe('names mixing Latin with look-alike scripts', () => {
  it('names Cyrillic or Greek letters among Latin ones, also once the name is folded', () => {
    // U+1D42B mathematical bold small r is no script's letter until NFKC makes it "r".
    const said = ['r\u043eot', '\u0391dmin', '\u{1d42b}\u043e\u043et'].map(mixedScriptProblem);
    expect(said).toEqual(['Cyrillic', 'Greek', 'Cyrillic'].map((s) => `mixes Latin and ${s} letters (look-alike characters)`));
  });

  it('takes a name in one script, or Latin with Han, kana, Hangul, digits and punctuation', () => {
    for (const name of ['root-admin', 'Дмитрий Петров', 'Ωμέγα-7', 'Amy 王小明', 'ken さくら カタカナ', 'Lee 민준', '1234', '']) expect([name, mixedScriptProblem(name)]).toEqual([name, null]);
  });
});

describe('where an invisible character is', () => {
  it('gives the code point and its position counting characters from 1', () => {
    expect(invisibleProblem('ab\u0000')).toMatch(/: U\+0000 at position 3$/);
    // "😀" is one character (two UTF-16 units), so the ZWSP after it is the 2nd.
    expect(invisibleProblem('😀\u200b')).toMatch(/: U\+200B at position 2$/);
    expect(invisibleProblem('x\ud800')).toMatch(/: U\+D800 at position 2$/);
    expect(invisibleProblem('plain text, 王')).toBeNull();
  });
});
