import { describe, expect, it } from 'vitest';
import { chipsThatFit } from '../../client/src/lib/chip-fit.ts';

// Widths measured on the board at 1024 px: en Voice 0/1 73, Email 1/1 80; zh-TW 語音 0/1 64,
// 文字客服 1/3 90, 電子郵件 1/1 92; the "+1" badge 24; chips 4 px apart.
describe('the chips of a board cell that fit whole', () => {
  it('shows every chip when all fit, the gaps counted: 73 + 4 + 80 = 157', () => {
    expect(chipsThatFit([73, 80], 4, 157, 24)).toBe(2);
    expect(chipsThatFit([], 4, 0, 24)).toBe(0);
  });

  it('keeps room for the badge once one is left out: 156 px holds Voice (73 + 4 + 24 = 101), not Voice and Email', () => {
    expect(chipsThatFit([73, 80], 4, 156, 24)).toBe(1);
  });

  it('shows as many as fit before the badge: three zh-TW chips in 190 px show two (64 + 4 + 90 + 4 + 24 = 186)', () => {
    expect(chipsThatFit([64, 90, 92], 4, 190, 24)).toBe(2);
    expect(chipsThatFit([64, 90, 92], 4, 185, 24)).toBe(1);
  });

  it('leaves only the badge when not even the first chip fits beside it', () => {
    expect(chipsThatFit([90, 92], 4, 100, 24)).toBe(0);
  });
});
