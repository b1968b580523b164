import { describe, expect, it } from 'vitest';
import { foldName, looksLike, mixedScriptProblem } from '../../server/auth/principal-name.ts';
import { NamesInFlight } from '../../server/auth/names-in-flight.ts';

// Each name below is written wholly in Cyrillic or wholly in Greek, letter by letter.
const CYR = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', y: '\u0443', x: '\u0445', i: '\u0456', j: '\u0458', s: '\u0455', d: '\u0501', h: '\u04bb', T: '\u0422', H: '\u041d', M: '\u041c', K: '\u041a', B: '\u0412' };
const GRK = { o: '\u03bf', a: '\u03b1', p: '\u03c1', v: '\u03bd', t: '\u03c4', i: '\u03b9', k: '\u03ba', A: '\u0391', B: '\u0392', E: '\u0395', Z: '\u0396', M: '\u039c', T: '\u03a4', X: '\u03a7', P: '\u03a1', I: '\u0399', K: '\u039a', O: '\u039f' };

describe('a name all in Cyrillic or Greek that reads as a Latin one', () => {
  it.each([
    [`${CYR.p}${CYR.o}${CYR.p}`, 'pop'],
    [`${CYR.c}${CYR.o}${CYR.c}${CYR.o}`, 'coco'],
    [`${CYR.a}${CYR.c}${CYR.e}`, 'ace'],
    [`${CYR.j}${CYR.o}${CYR.y}`, 'joy'],
    [`${CYR.s}${CYR.e}${CYR.x}${CYR.y}`, 'sexy'],
    [`${CYR.d}${CYR.i}${CYR.c}${CYR.e}`, 'dice'],
    [`${CYR.h}${CYR.o}${CYR.p}${CYR.e}`, 'hope'],
    // Capitals drawn as Latin ones: ТОР, НОМЕ, КВС.
    [`${CYR.T}\u041e\u0420`, 'TOP'],
    [`${CYR.H}\u041e${CYR.M}\u0415`, 'home'],
    [`${CYR.K}${CYR.B}\u0421`, 'kbc'],
    [`${GRK.o}${GRK.p}${GRK.a}`, 'opa'],
    [`${GRK.k}${GRK.i}${GRK.v}${GRK.o}`, 'kivo'],
    [`${GRK.t}${GRK.a}${GRK.p}${GRK.o}`, 'tapo'],
    // ΖΕΒΡΑ, ΤΑΚΟ, ΜΙΧΑ: capitals drawn as Latin ones.
    [`${GRK.Z}${GRK.E}${GRK.B}${GRK.P}${GRK.A}`, 'zebpa'],
    [`${GRK.T}${GRK.A}${GRK.K}${GRK.O}`, 'TAKO'],
    [`${GRK.M}${GRK.I}${GRK.X}${GRK.A}`, 'mixa'],
  ])('%s looks like %s, and is one script, so the mixed-script rule lets it through', (name, latin) => {
    expect(mixedScriptProblem(name)).toBeNull();
    expect(looksLike(name, ['someone', latin])).toBe(true);
    expect(foldName(name)).toBe(latin.toLowerCase());
  });

  it('is held while a Latin look-alike is being created, as "bob" and "BOB" are', () => {
    const names = new NamesInFlight();
    expect(names.claim('coco', 'person')).toBe(true);
    expect(names.claim(`${CYR.c}${CYR.o}${CYR.c}${CYR.o}`, 'person')).toBe(false);
  });

  it('leaves names that do not read as a Latin one apart, and still names mixed ones', () => {
    // Дмитрий has letters drawn like no Latin one (Д, и, й); Ωμέγα likewise.
    expect(looksLike('\u0414\u043c\u0438\u0442\u0440\u0438\u0439', ['dmitrij', 'dmitrii'])).toBe(false);
    expect(looksLike('\u03a9\u03bc\u03ad\u03b3\u03b1', ['omega', 'wmeya'])).toBe(false);
    expect(looksLike('coco', ['cocoa', 'c0c0'])).toBe(false);
    // "rооt-admin" with Cyrillic о still mixes scripts: folding for comparison does not hide that.
    expect(mixedScriptProblem(`r${CYR.o}${CYR.o}t-admin`)).toBe('mixes Latin and Cyrillic letters (look-alike characters)');
  });
});

describe('capitals read by their own look, and Latin accents, for the look-alike check', () => {
  // Greek Η Ο Τ, Ν Ο Τ Ε, Υ Ε Τ Ι, Η Υ Μ Ν: drawn "HOT", "NOTE", "YETI", "HYMN"; by their small letters η ν υ they read "not", "vote", "ueti", "nump".
  const HOT = '\u0397\u039f\u03a4';
  const NOTE = '\u039d\u039f\u03a4\u0395';
  const YETI = '\u03a5\u0395\u03a4\u0399';
  const HYMN = '\u0397\u03a5\u039c\u039d';

  it.each([
    [HOT, 'hot'],
    [NOTE, 'note'],
    [YETI, 'yeti'],
    [HYMN, 'hymn'],
    // Cyrillic Ѕ А М, Ј О К Е, І С Е (capitals): "SAM", "JOKE", "ICE".
    ['\u0405\u0410\u041c', 'sam'],
    ['\u0408\u041e\u041a\u0415', 'joke'],
    ['\u0406\u0421\u0415', 'ice'],
  ])('%s in capitals reads as %s', (name, latin) => {
    expect(foldName(name)).toBe(latin);
    expect(looksLike(name, ['someone', latin])).toBe(true);
  });

  it('reads small Greek η and ν as n and v, apart from the capitals Η and Ν', () => {
    // η ο τ, ν ο τ ε: "not" and "vote", not "hot" and "note".
    expect(foldName('\u03b7\u03bf\u03c4')).toBe('not');
    expect(foldName('\u03bd\u03bf\u03c4\u03b5')).toBe('vote');
    expect(looksLike('\u03b7\u03bf\u03c4', ['hot'])).toBe(false);
    expect(looksLike(HOT, ['not'])).toBe(false);
  });

  it.each([
    ['C\u00f6co', 'coco'], // ö precomposed
    ['Co\u0308co', 'coco'], // o and a combining diaeresis
    ['jos\u00e9', 'jose'],
    ['Zo\u00eb', 'zoe'],
    ['\u00c5ngstr\u00f6m', 'angstrom'],
    ['Nguy\u1ec5n', 'nguyen'], // ễ: e with circumflex and tilde
  ])('%s with its accents reads as %s', (name, latin) => {
    expect(looksLike(name, [latin])).toBe(true);
  });

  it('keeps apart names that differ by more than marks, and marks on Greek letters', () => {
    expect(looksLike('ren\u00e9', ['renee', 'rene-2'])).toBe(false);
    expect(looksLike('stra\u00dfe', ['strase'])).toBe(false); // ß is a letter of its own
    expect(looksLike('\u00f8ystein', ['oystein'])).toBe(false); // ø does not decompose: not a mark
    // Ωμέγα: the tonos stays on Greek έ, so it does not become "wmeya".
    expect(looksLike('\u03a9\u03bc\u03ad\u03b3\u03b1', ['wmeya', 'omega'])).toBe(false);
  });

  it('holds an accented name while its plain look-alike is being created', () => {
    const names = new NamesInFlight();
    expect(names.claim('coco', 'person')).toBe(true);
    expect(names.claim('C\u00f6co', 'person')).toBe(false);
  });
});
