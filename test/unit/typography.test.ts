import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../../server/src/core/rule';
import { applyEdits } from '../../server/src/core/text';
import webResidue from '../../server/src/core/rules/web-residue';
import dateline from '../../server/src/core/rules/dateline';
import doubledWord from '../../server/src/core/rules/doubled-word';
import quoteBalance from '../../server/src/core/rules/quote-balance';
import quoteStyle from '../../server/src/core/rules/quote-style';
import bracketBalance from '../../server/src/core/rules/bracket-balance';
import bracketSpacing from '../../server/src/core/rules/bracket-spacing';
import { applyFirstFix, contextFor, runRule } from './helpers';

const seedNames = ['000_ebeef4f3d678d313.txt', '001_ad4d302a0f406064.txt', '002_4d1a318a818ef0be.txt', '003_03ee35439bc31269.txt', '004_41a9ae8dc5d7d7d4.txt'];
const seed = (n: number) => readFileSync(join(__dirname, '..', '..', 'seeds', seedNames[n]), 'utf8');
const rules = [webResidue, dateline, doubledWord, quoteBalance, quoteStyle, bracketBalance, bracketSpacing];

/** Findings as [line, covered text] pairs: what the seed assertions compare. */
const found = (rule: Rule, text: string) => runRule(rule, text).map((f) => [f.line, f.covered]);

/** The fix of every finding, each applied alone to the original text. */
function eachFixAlone(rule: Rule, text: string): string[] {
  const context = contextFor(text);
  return (rule.check?.(context) ?? []).map((finding) => applyEdits(text, rule.fix!(context, finding)!.edits));
}

const de = (body: string) => `---\nlang: de\n---\nTitel\n\n${body}\n`;

// web-residue

test('web-residue reports residue lines and names their language', () => {
  const [finding] = runRule(webResidue, 'Titel\n\nText des Artikels.\n\nBeitrag teilen\n');
  assert.equal(finding.covered, 'Beitrag teilen');
  assert.match(finding.message, /German/);
  assert.deepEqual(finding.data, { language: 'de' });
  assert.match(runRule(webResidue, 'Titolo\n\nTesto.\n\n- Continua...')[0].message, /Italian/);
  assert.deepEqual(runRule(webResidue, 'Titel\n\nWer teilen will, muss erst verstehen.\n'), []);
});

test('web-residue on the seeds', () => {
  assert.deepEqual(found(webResidue, seed(0)), [[33, 'Beitrage Teilen']]);
  assert.deepEqual(found(webResidue, seed(1)), []);
  assert.deepEqual(found(webResidue, seed(2)), [
    [28, 'Schreibe einen Kommentar'],
    [30, 'Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.'],
  ]);
  assert.deepEqual(found(webResidue, seed(3)), []);
  assert.deepEqual(found(webResidue, seed(4)), [[7, '- Continua...']]);
});

test('web-residue fix deletes the line with its separation', () => {
  assert.equal(applyFirstFix(webResidue, 'Titel\n\nErster.\n\nBeitrag teilen\n\nZweiter.\n'), 'Titel\n\nErster.\n\nZweiter.\n');
  assert.equal(applyFirstFix(webResidue, 'Titel\n\nErster.\n\nBeitrag teilen\n'), 'Titel\n\nErster.\n');
  assert.equal(applyFirstFix(webResidue, 'Titel\n\nErster.\n\nBeitrag teilen'), 'Titel\n\nErster.');
  assert.equal(applyFirstFix(webResidue, 'Titel\r\n\r\nErster.\r\n\r\nBeitrag teilen\r\n\r\n'), 'Titel\r\n\r\nErster.\r\n');
  const context = contextFor('Titel\n\nErster.\n\nBeitrag teilen\n');
  assert.equal(webResidue.fix!(context, webResidue.check!(context)[0])!.safe, true);
});

test('web-residue fixes on the seeds each leave a well-formed file', () => {
  const lines = (n: number) => seed(n).split('\n');
  assert.deepEqual(eachFixAlone(webResidue, seed(0)), [lines(0).slice(0, 29).join('\n')]);
  // Seed 002 ends with two residue lines: each fix alone keeps one blank line before the other.
  assert.deepEqual(eachFixAlone(webResidue, seed(2)), [
    [...lines(2).slice(0, 27), lines(2)[29]].join('\n'),
    lines(2).slice(0, 28).join('\n'),
  ]);
  assert.deepEqual(eachFixAlone(webResidue, seed(4)), [lines(4).slice(0, 5).join('\n')]);
});

// dateline

const seed4Dateline = '24-05-2022 15:02 - Fonte: www.fotografareindigitale.com';

test('dateline on the seeds', () => {
  const findings = runRule(dateline, seed(4));
  assert.deepEqual(findings.map((f) => [f.line, f.covered]), [[3, seed4Dateline]]);
  assert.match(findings[0].message, /^Dateline gives the article's date \(2022-05-24T15:02\); move it into the header as `published`/);
  for (const n of [0, 1, 2, 3]) assert.deepEqual(found(dateline, seed(n)), [], seedNames[n]);
});

test('dateline fix moves the date and source into a new header', () => {
  const lines = seed(4).split('\n');
  const expected = `---\npublished: 2022-05-24T15:02\nsource: www.fotografareindigitale.com\n---\n${[lines[0], '', lines[4], '', lines[6]].join('\n')}`;
  assert.equal(applyFirstFix(dateline, seed(4)), expected);
  const context = contextFor(seed(4));
  const fix = dateline.fix!(context, dateline.check!(context)[0])!;
  assert.equal(fix.title, 'Move dateline into the header (published, source)');
  assert.equal(fix.safe, true);
});

test('dateline fix adds to an existing header, also from the last line', () => {
  assert.equal(applyFirstFix(dateline, '---\nlang: it\n---\nTitolo\n\nTesto.\n\n24.05.2022 - Fonte: ANSA\n'), '---\nlang: it\npublished: 2022-05-24\nsource: ANSA\n---\nTitolo\n\nTesto.\n');
  assert.equal(applyFirstFix(dateline, 'Titolo\n\nTesto.\n\n2022-05-24'), '---\npublished: 2022-05-24\n---\nTitolo\n\nTesto.');
});

test('dateline when the header already has a date, or the date is ambiguous', () => {
  const text = '---\npublished: 2022-05-23\n---\nTitolo\n\n24-05-2022 15:02\n\nTesto.\n';
  const context = contextFor(text);
  const [finding] = dateline.check!(context);
  assert.match(finding.message, /header already has `published: 2022-05-23`/);
  assert.equal(dateline.fix!(context, finding)!.safe, false);

  const ambiguous = contextFor('Titolo\n\n05-06-2022\n\nTesto.\n');
  const [swappable] = dateline.check!(ambiguous);
  assert.match(swappable.message, /day and month/);
  assert.equal(dateline.fix!(ambiguous, swappable)!.safe, false);

  // A header that cannot take the values gets no fix: deleting the line alone would lose the date.
  const broken = contextFor('---\nlang: it\n\nTitolo\n\n24-05-2022\n\nTesto.\n');
  assert.equal(dateline.fix!(broken, dateline.check!(broken)[0]), undefined);
});

// doubled-word

test('doubled-word on the seeds', () => {
  assert.deepEqual(found(doubledWord, seed(0)), [[3, ' baut']]);
  for (const n of [1, 2, 3, 4]) assert.deepEqual(found(doubledWord, seed(n)), [], seedNames[n]);
});

test('doubled-word reports a repeated word and its fix deletes it (not automatically)', () => {
  const text = de('Die Leica Camera AG baut baut ihre Kooperationen aus.');
  const [finding] = runRule(doubledWord, text);
  assert.equal(finding.covered, ' baut');
  assert.equal(finding.message, 'The word “baut” is doubled in “baut baut”; delete one of them.');
  assert.equal(applyFirstFix(doubledWord, text), de('Die Leica Camera AG baut ihre Kooperationen aus.'));
  const context = contextFor(text);
  assert.equal(doubledWord.fix!(context, doubledWord.check!(context)[0])!.safe, false);
  assert.deepEqual(found(doubledWord, de('Xiaomi xiaomi kommt.')), [[6, ' xiaomi']]);
  assert.deepEqual(found(doubledWord, de('Die Leica Camera AG baut ihre Kooperationen aus.')), []);
});

test('doubled-word leaves numbers, punctuation and wider gaps alone', () => {
  assert.deepEqual(found(doubledWord, de('Es kostet 10 10 Euro, baut, baut und baut  baut.')), []);
  // Words keep their apostrophes and hyphens: “l’arrivo” is not “arrivo”, “Leica-Kamera” not “Kamera”.
  assert.deepEqual(found(doubledWord, de('Dell’arrivo arrivo, Leica-Kamera Kamera, l’arrivo l’arrivo.')), [[6, ' l’arrivo']]);
});

test('doubled-word compares in lower case whatever letters a word starts with', () => {
  const text = de('Über über, Äpfel äpfel, ÉTÉ été, Mi5 mi5, 5G 5g, Baut Haut, Über Ober.');
  assert.deepEqual(
    runRule(doubledWord, text).map((f) => text.slice(f.span.start, f.span.end)),
    [' über', ' äpfel', ' été', ' mi5', ' 5g'],
  );
});

test('doubled-word allows legitimate doubles of the declared language only', () => {
  assert.deepEqual(found(doubledWord, de('Wer die die Regeln kennt, weiß, dass der der Frau hilft.')), []);
  const it = '---\nlang: it\n---\nTitolo\n\nWer die die Regeln kennt, sagt che che.\n';
  assert.deepEqual(found(doubledWord, it), [[6, ' die'], [6, ' che']]);
  assert.deepEqual(found(doubledWord, '---\nlang: en-GB\n---\nTitle\n\nHe had had enough of that that.\n'), []);
  assert.deepEqual(found(doubledWord, '---\nlang: fr\n---\nTitre\n\nNous nous sommes vus.\n'), []);
  // Without a declared tag and too little text for a sure detection, every language's doubles are allowed.
  assert.deepEqual(found(doubledWord, 'Titel\n\nWer die die Regeln kennt, sagt nous nous und che che.\n'), [[3, ' che']]);
});

test('doubled-word checks the title and credits, not residue or datelines', () => {
  const text = 'Leica Leica und Xiaomi\n\nBild: Leica Leica\n\n24-05-2022 - Fonte: ANSA ANSA\n\nI campi obbligatori sono contrassegnati con con *\n';
  assert.deepEqual(found(doubledWord, text), [[1, ' Leica'], [3, ' Leica']]);
});

// quote-balance

test('quote-balance on the seeds', () => {
  const findings = runRule(quoteBalance, seed(1));
  assert.deepEqual(findings.map((f) => [f.line, f.covered]), [[11, '“']]);
  const line11 = seed(1).split('\n')[10];
  assert.equal(findings[0].span.end, seed(1).indexOf(line11) + line11.length, 'the last “ of the line');
  assert.match(findings[0].message, /^Quotation mark “ \(…tion\.“ Technologien\.“\) closes nothing in this paragraph/);
  for (const n of [0, 2, 3, 4]) assert.deepEqual(found(quoteBalance, seed(n)), [], seedNames[n]);
});

test('quote-balance reports unclosed and unopened marks', () => {
  const [unclosed] = runRule(quoteBalance, de('Lei Jun sagt: „Die Kooperation bringt uns voran.'));
  assert.equal(unclosed.covered, '„');
  assert.match(unclosed.message, /^Quotation mark „ \(.*\) is never closed in this paragraph; add the closing “ or delete it\.$/);
  assert.deepEqual(found(quoteBalance, de('Er sagt: Wir kommen.” Dann geht er.')), [[6, '”']]);
  assert.deepEqual(found(quoteBalance, de('Er sagt: “Wir kommen. Dann geht er.')), [[6, '“']]);
  assert.deepEqual(found(quoteBalance, de('Er sagt: "Wir kommen. Dann „geht“ er.')), [[6, '"']]);
  // Quotes do not carry over from one paragraph to the next.
  assert.deepEqual(found(quoteBalance, de('Er sagt: „Wir kommen.\n\nDann geht er.“')), [[6, '„'], [8, '“']]);
});

test('quote-balance accepts every style, nesting, apostrophes and single quotes', () => {
  const text = de('„Ja“, “yes”, «oui», »ja«, "si", „er sagt »nein« dazu“, l’arrivo, po’, ‚einfach‘ und ‘single’ quotes, “mismatched“.');
  assert.deepEqual(found(quoteBalance, text), []);
});

test('quote-balance checks the title, not credits, datelines or residue', () => {
  const text = 'Er sagt „ja\n\nBild: „Leica\n\n24-05-2022 - Fonte: „ANSA\n\nCondividi su Facebook\n';
  assert.deepEqual(found(quoteBalance, text), [[1, '„']]);
});

// quote-style

test('quote-style on the seeds', () => {
  const text = seed(4);
  const findings = runRule(quoteStyle, text);
  assert.deepEqual(findings.map((f) => [f.line, f.covered]), [[5, '“'], [5, '“']]);
  assert.deepEqual(findings.map((f) => f.span.start), [text.indexOf('Xiaomi“') + 6, text.indexOf('innovazione“') + 11]);
  assert.match(findings[0].message, /^Quotation opened with “ is closed with “ \(.*Xiaomi“, ha.*\); close it with ”\.$/);
  for (const n of [0, 1, 2, 3]) assert.deepEqual(found(quoteStyle, seed(n)), [], seedNames[n]);
});

test('quote-style fixes the seed’s mismatched closing marks', () => {
  const text = seed(4);
  const fixed = eachFixAlone(quoteStyle, text);
  assert.equal(fixed[0], text.replace('Xiaomi“', 'Xiaomi”'));
  assert.equal(fixed[1], text.replace('innovazione“', 'innovazione”'));
});

test('quote-style reports a pair in another style than the article’s and converts it', () => {
  const text = de('Er sagt: „Ja.“\n\nSie sagt: “Nein.”\n\nDann „gut“.');
  const [finding, ...rest] = runRule(quoteStyle, text);
  assert.equal(rest.length, 0);
  assert.equal(finding.covered, '“Nein.”');
  assert.equal(finding.message, '“…” quotes in an article that uses „…“; use „…“ here too.');
  assert.equal(applyFirstFix(quoteStyle, text), de('Er sagt: „Ja.“\n\nSie sagt: „Nein.“\n\nDann „gut“.'));
  // Equal counts: the style used first wins.
  assert.deepEqual(found(quoteStyle, de('«Oui» et “yes”.')), [[6, '“yes”']]);
  assert.deepEqual(found(quoteStyle, de('»Ja« und "nein" und »doch«.')), [[6, '"nein"']]);
});

test('quote-style converts a mismatched pair to the article’s style', () => {
  const text = de('Er sagt: „Ja.“ Sie sagt: „Nein.“ Dann: “gut“.');
  const [finding] = runRule(quoteStyle, text);
  assert.equal(finding.covered, '“');
  assert.match(finding.message, /^Quotation opened with “ is closed with “ \(.*\); write it as „…“ like the rest of the article\.$/);
  const context = contextFor(text);
  const fix = quoteStyle.fix!(context, quoteStyle.check!(context)[0])!;
  assert.equal(fix.safe, true);
  assert.equal(fix.edits.length, 1, 'the closing “ is already right');
  assert.equal(applyEdits(text, fix.edits), de('Er sagt: „Ja.“ Sie sagt: „Nein.“ Dann: „gut“.'));
  // Without any well-formed pair, the closing mark follows the opening one.
  assert.equal(applyFirstFix(quoteStyle, de('Er sagt: „Ja.”')), de('Er sagt: „Ja.“'));
});

// bracket-balance

test('bracket-balance on the seeds', () => {
  for (const n of [0, 1, 2, 3, 4]) assert.deepEqual(found(bracketBalance, seed(n)), [], seedNames[n]);
});

test('bracket-balance reports unmatched brackets', () => {
  const [finding] = runRule(bracketBalance, de('Die Leica Camera AG (aus Wetzlar baut aus.'));
  assert.equal(finding.covered, '(');
  assert.match(finding.message, /^Bracket “\(” in “.*” is never closed in this paragraph; add the closing “\)” or delete it\.$/);
  assert.deepEqual(found(bracketBalance, de('Die AG aus Wetzlar) baut aus.')), [[6, ')']]);
  assert.deepEqual(found(bracketBalance, de('Die AG [aus Wetzlar) baut aus.')), [[6, '['], [6, ')']]);
  assert.deepEqual(found(bracketBalance, de('Die AG (aus [Wetzlar]) baut (aus).')), []);
  assert.equal(bracketBalance.fix, undefined);
});

test('bracket-balance leaves list markers alone', () => {
  assert.deepEqual(found(bracketBalance, de('1) Die Kamera.\n\na) Das Objektiv.\n\niv) Der Preis: 2) hoch, b) höher.')), []);
  assert.deepEqual(found(bracketBalance, de('Siehe (Punkt 1) und (Punkt a).')), []);
  assert.deepEqual(found(bracketBalance, de('Die Kamera10) ist neu.')), [[6, ')']]);
});

// bracket-spacing

test('bracket-spacing on the seeds', () => {
  const text = seed(3);
  const findings = runRule(bracketSpacing, text);
  assert.deepEqual(findings.map((f) => [f.line, f.covered]), [[1, ' ']]);
  assert.equal(findings[0].span.start, text.indexOf('( già') + 1);
  assert.match(findings[0].message, /^Space after “\(” in “…ttesissima \( già da un po…”; delete it\.$/);
  assert.equal(applyFirstFix(bracketSpacing, text), text.replace('( già', '(già'));
  for (const n of [0, 1, 2, 4]) assert.deepEqual(found(bracketSpacing, seed(n)), [], seedNames[n]);
});

test('bracket-spacing reports spaces inside brackets and deletes them', () => {
  assert.deepEqual(found(bracketSpacing, de('Die AG ( aus\u00a0Wetzlar\u00a0) baut [ so  ] aus ( ).')), [
    [6, ' '],
    [6, '\u00a0'],
    [6, ' '],
    [6, '  '],
    [6, ' '],
  ]);
  assert.equal(applyFirstFix(bracketSpacing, de('Die AG (aus Wetzlar ) baut aus.')), de('Die AG (aus Wetzlar) baut aus.'));
  const context = contextFor(de('Die AG (aus Wetzlar ) baut aus.'));
  assert.equal(bracketSpacing.fix!(context, bracketSpacing.check!(context)[0])!.safe, true);
  // Spaces outside the brackets, and at the ends of a line (other rules' business), are not reported.
  assert.deepEqual(found(bracketSpacing, de('Die AG (aus Wetzlar) baut aus (\n\n) Ende.')), []);
});

test('bracket rules skip datelines and residue', () => {
  const text = 'Titel\n\n24-05-2022 - Fonte: ( ANSA\n\nI campi obbligatori sono contrassegnati ( * )\n';
  assert.deepEqual(found(bracketBalance, text), []);
  assert.deepEqual(found(bracketSpacing, text), []);
});

// All rules

test('the docs examples: bad triggers, good does not', () => {
  for (const rule of rules) {
    assert.ok(runRule(rule, rule.docs.bad.text).length > 0, `${rule.id} bad`);
    assert.deepEqual(runRule(rule, rule.docs.good.text), [], `${rule.id} good`);
  }
});

test('no rule is slow on long adversarial input (backtracking, quadratic fixes)', () => {
  const inputs = [
    'a'.repeat(100_000),
    ' '.repeat(100_000) + 'x',
    '( '.repeat(50_000),
    ')'.repeat(100_000),
    'a)'.repeat(50_000),
    'a’'.repeat(50_000) + ' ',
    'a-'.repeat(50_000),
    '„“'.repeat(50_000),
    '“'.repeat(100_000),
    '"'.repeat(100_000),
    'baut '.repeat(20_000),
  ];
  const texts = [
    ...inputs.map((input) => `---\nlang: de\n---\nTitel\n\n${input}\n`),
    `Titel\n\n${'Beitrag teilen\n\n'.repeat(20_000)}`,
    `Titel\n\n${'24-05-2022\n\n'.repeat(20_000)}`,
  ];
  for (const text of texts) {
    for (const rule of rules) {
      const started = performance.now();
      const context = contextFor(text);
      for (const finding of rule.check?.(context) ?? []) rule.fix?.(context, finding);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `${rule.id} took ${Math.round(elapsed)} ms on ${JSON.stringify(text.slice(0, 30))}…`);
    }
  }
});
