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
