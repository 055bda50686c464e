// Entities in the core: golden mention lists for the seeds, inflection and case, misspellings without false
// alarms, unknown-name candidates, and the knowledge-base reader's problems and edits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArticle } from '../../server/src/core/article';
import { candidateRegions, findCandidates } from '../../server/src/core/entities/candidates';
import { catalogOf, compileKnowledgeBase, findArticleMentions, type EntityCatalog } from '../../server/src/core/entities/catalog';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { appendEntityEdit, readKnowledgeBase, spellingSpans } from '../../server/src/core/entities/knowledge-base';
import { applyEdits } from '../../server/src/core/text';
import entityCase from '../../server/src/core/rules/entity-case';
import entityMisspelling from '../../server/src/core/rules/entity-misspelling';
import entityUnknown from '../../server/src/core/rules/entity-unknown';
import { entityHoverMarkdown } from '../../server/src/lsp/entityHover';
import { runRule } from './helpers';

const seeds = path.join(__dirname, '..', '..', 'seeds');
const seedCatalog = compileKnowledgeBase(readKnowledgeBase(readFileSync(path.join(seeds, 'entities.json'), 'utf8')).knowledgeBase!);

/** "line: id, id, text=id" — the entity ids of each line's mentions, with the text where it is not the canonical name. */
function mentionLines(text: string, catalog: EntityCatalog): string[] {
  const article = parseArticle(text);
  const byLine = new Map<number, string[]>();
  for (const m of findArticleMentions(article, catalog)) {
    const line = article.index.positionAt(m.span.start).line + 1;
    const shown = m.text === catalog.knowledgeBase.byId.get(m.entityId)!.name ? m.entityId : `${m.text}=${m.entityId}`;
    byLine.set(line, [...(byLine.get(line) ?? []), shown]);
  }
  return [...byLine].map(([line, list]) => `${line}: ${list.join(', ')}`);
}

const goldenMentions: Record<string, string[]> = {
  '000_ebeef4f3d678d313.txt': [
    '1: leica-camera, xiaomi',
    '3: leica-camera, huawei, sharp, wetzlar, xiaomi',
    '5: andreas-jordan',
    '7: andreas-jordan',
    '9: andreas-jordan, fotomagazin',
    '11: Leica=leica-camera, xiaomi',
    '13: andreas-mohrland, leica-camera, marius-eschweiler, leica-camera, matthias-harsch, leica-camera, owen-ou, xiaomi-western-europe, imene-tarchouna, Xiaomi France R & D Center=xiaomi-france-rd-center, doris-pan, xiaomi-western-europe, cj-wang, xiaomi-western-europe, violet-zhang, xiaomi-germany',
    '15: leica-camera',
    '17: huawei, Leica=leica-camera, huawei-p50-pro, Leica=leica-camera, sharp, japan, aquos-r6, Leica=leica-camera, leitz-phone-1, aquos',
    '19: Mi 11 Ultra=xiaomi-11-ultra, xiaomi',
    '21: xiaomi',
    '23: Leica=leica-camera, xiaomi',
    '25: xiaomi, xiaomi, Leica=leica-camera, Leica=leica-camera',
    '27: lei-jun, Xiaomi Group=xiaomi, xiaomi',
    '29: matthias-harsch, leica-camera, leica-image-look',
  ],
  '001_ad4d302a0f406064.txt': [
    '1: xiaomi, Leica=leica-camera',
    '3: xiaomi, Leica=leica-camera',
    '5: xiaomi, peking, Leica=leica-camera, xiaomi, Leica=leica-camera',
    '7: asia, Leica=leica-camera, huawei, xda, kacskrz, Leica=leica-camera, huawei, Leica=leica-camera, sharp, Leica=leica-camera',
    '11: Leica=leica-camera, xiaomi, xiaomi, lei-jun',
    '13: xiaomi, Leica=leica-camera, xiaomi',
    '15: xiaomi-11-ultra',
    '17: xiaomi-12-ultra, snapdragon-8-plus-gen-1',
    '19: huawei, Leica=leica-camera, oppo, oneplus, hasselblad, vivo, hasselblad, zeiss, xiaomi-12-ultra',
  ],
  '002_4d1a318a818ef0be.txt': [
    '1: Leica=leica-camera, huawei, sharp',
    '3: huawei, Leica=leica-camera',
    '5: huawei, Leica=leica-camera, huawei-p50, Leica=leica-camera, huawei',
    '7: huawei',
    '9: twitter',
    '11: Leica=leica-camera, huawei, huawei-p50, Leica=leica-camera',
    '13: huawei, Leica=leica-camera, Leica=leica-camera',
    '15: Leica=leica-camera, SHARP=sharp',
    '17: Leica=leica-camera, sharp, AQUOS R6=aquos-r6, Leica=leica-camera, AQUOS R6=aquos-r6, Leica=leica-camera',
    '19: Leica=leica-camera, huawei, sharp',
    '20: Leica=leica-camera, sharp, leica-camera',
    '22: Leica=leica-camera',
    '24: huawei',
    '26: usa, google, huawei, xiaomi, Oppo=oppo, Leica=leica-camera, Leica=leica-camera, P50=huawei-p50, huawei, Leica=leica-camera',
  ],
  '003_03ee35439bc31269.txt': [
    '1: xiaomi, Leica=leica-camera',
    '2: xiaomi',
    '3: xiaomi, Leica Camera=leica-camera',
    '5: xiaomi, Leica=leica-camera',
    '7: xiaomi, xiaomi, Leica=leica-camera, xiaomi, lei-jun, Xiaomi Group=xiaomi',
    '8: xiaomi, Leica=leica-camera',
    '9: xiaomi',
  ],
  '004_41a9ae8dc5d7d7d4.txt': [
    '1: Leica=leica-camera, huawei, xiaomi, xiaomi, Leica=leica-camera',
    '3: www.fotografareindigitale.com=fotografare-in-digitale',
    '5: Leica=leica-camera, huawei, xiaomi, Leica=leica-camera, xiaomi, Huawei Technologies Co=huawei, Stati Uniti=usa, Leica=leica-camera, xiaomi, xiaomi, lei-jun, xiaomi, huawei, Leica=leica-camera, shenzhen, south-china-morning-post, huawei, huawei, Leica=leica-camera, huawei, huawei, Leica=leica-camera, huawei, Stati Uniti=usa',
  ],
};

describe('entity mentions in the seeds (golden)', () => {
  for (const [name, expected] of Object.entries(goldenMentions)) {
    test(name, () => assert.deepEqual(mentionLines(readFileSync(path.join(seeds, name), 'utf8'), seedCatalog), expected));
  }
});

const small = catalogOf([
  { id: 'leica-camera', type: 'organization', name: 'Leica Camera AG', aliases: ['Leica'] },
  { id: 'xiaomi', type: 'organization', name: 'Xiaomi' },
  { id: 'xiaomi-11-ultra', type: 'product', name: 'Xiaomi 11 Ultra', aliases: ['Mi 11 Ultra'] },
  { id: 'huawei', type: 'organization', name: 'Huawei' },
  { id: 'sharp', type: 'organization', name: 'Sharp' },
  { id: 'aquos-r6', type: 'product', name: 'Aquos R6' },
  { id: 'leitz-phone-1', type: 'product', name: 'Leitz Phone 1' },
  { id: 'peking', type: 'place', name: 'Peking', localNames: { it: 'Pechino', en: 'Beijing', fr: 'Pékin' } },
]);

function mentionsIn(text: string): string[] {
  return small.matcher.findMentions(text).map((m) => `${text.slice(m.span.start, m.span.end)}=${m.entityId}${m.caseDiffers ? ' (case)' : ''}`);
}

describe('recognition', () => {
  test('longest match: the product wins over the company it starts with', () => {
    assert.deepEqual(mentionsIn('Das Xiaomi 11 Ultra von Xiaomi.'), ['Xiaomi 11 Ultra=xiaomi-11-ultra', 'Xiaomi=xiaomi']);
  });
  test('German genitive: the mention covers the name without its ending', () => {
    assert.deepEqual(mentionsIn('Xiaomis Partnerschaft mit Leicas Optik'), ['Xiaomi=xiaomi', 'Leica=leica-camera']);
  });
  test('hyphen compounds and elided articles', () => {
    assert.deepEqual(mentionsIn('Leica-Kamera, Leica-Xiaomi-Smartphone, Huawei-Leica, dell’Huawei'), [
      'Leica=leica-camera', 'Leica=leica-camera', 'Xiaomi=xiaomi', 'Huawei=huawei', 'Leica=leica-camera', 'Huawei=huawei',
    ]);
  });
  test('no match inside another word', () => {
    assert.deepEqual(mentionsIn('Sharpness, Huaweis­ches, Xiaomiland, Leicameter'), []);
  });
  test('local names per language', () => {
    assert.deepEqual(mentionsIn('Pechino, Beijing, Pékin'), ['Pechino=peking', 'Beijing=peking', 'Pékin=peking']);
  });
  test('another case: a mention marked as such; a lower-case common word is no mention', () => {
    assert.deepEqual(mentionsIn('SHARP und AQUOS R6, aber ein sharp picture'), ['SHARP=sharp (case)', 'AQUOS R6=aquos-r6 (case)']);
  });
  test('names across a line break do not match', () => {
    assert.deepEqual(mentionsIn('Leitz\nPhone 1'), []);
  });
});

describe('names that end in punctuation (entity-case)', () => {
  const catalog = catalogOf([
    { id: 'leica-camera', type: 'organization', name: 'Leica Camera AG', aliases: ['Leica', 'Leica Camera'] },
    { id: 'leica-italia', type: 'organization', name: 'Leica Camera S.p.A.' },
    { id: 'sharp', type: 'organization', name: 'Sharp' },
    { id: 'sharp-italia', type: 'organization', name: 'Sharp S.p.A.' },
    { id: 'huawei', type: 'organization', name: 'Huawei', aliases: ['Huawei Technologies Co., Ltd.'] },
    { id: 'xiaomi', type: 'organization', name: 'Xiaomi' },
    { id: 'xiaomi-12s-pro', type: 'product', name: 'Xiaomi 12S Pro' },
    { id: 'xiaomi-12s-pro-plus', type: 'product', name: 'Xiaomi 12S Pro+' },
    { id: 'aquos-r6', type: 'product', name: 'Aquos R6' },
  ]);
  const file = { name: '000_0123456789abcdef.txt', entities: catalog };
  const mentions = (text: string) => catalog.matcher.findMentions(text).map((m) => `${text.slice(m.span.start, m.span.end)}=${m.entityId}${m.caseDiffers ? ' (case)' : ''}`);
  const article = (body: string) => `---\nlang: de\n---\nTitel\n\n${body}\n`;
  const caseFindings = (body: string) => runRule(entityCase, article(body), { file }).map((f) => f.message);

  test('a name ending in a full stop, at the end of a sentence: the stop is left to the sentence, and the case is right', () => {
    assert.deepEqual(mentions('Wir waren bei Sharp S.p.A. Dann bei Leica Camera S.p.A.'), ['Sharp S.p.A=sharp-italia', 'Leica Camera S.p.A=leica-italia']);
    assert.deepEqual(mentions('Sie nannte „Sharp S.p.A.“ Dann ging sie.'), ['Sharp S.p.A=sharp-italia']);
    assert.deepEqual(caseFindings('Wir waren bei Sharp S.p.A. Dann bei Leica Camera S.p.A.'), []);
    assert.deepEqual(caseFindings('Die Huawei Technologies Co., Ltd. und die Sharp S.p.A. arbeiten bei Huawei Technologies Co., Ltd.'), []);
  });

  test('inside a sentence, and without the stop, it is the same name', () => {
    assert.deepEqual(mentions('Die Sharp S.p.A. hat, die Sharp S.p.A hat'), ['Sharp S.p.A.=sharp-italia', 'Sharp S.p.A=sharp-italia']);
    assert.deepEqual(caseFindings('Die Sharp S.p.A. hat, die Sharp S.p.A hat.'), []);
  });

  test('in another case it is reported, and the fix writes the stop once', () => {
    const text = article('Wir waren bei SHARP S.P.A.');
    const [finding, ...rest] = runRule(entityCase, text, { file });
    assert.deepEqual(rest, []);
    assert.equal(finding.message, '“SHARP S.P.A” is written “Sharp S.p.A.” in the knowledge base.');
    const fix = entityCase.fix!({ article: parseArticle(text) } as never, finding)!;
    assert.equal(applyEdits(text, fix.edits), article('Wir waren bei Sharp S.p.A.'));
    const inside = article('Die SHARP S.P.A. hat zugestimmt.');
    const [insideFinding] = runRule(entityCase, inside, { file });
    assert.equal(applyEdits(inside, entityCase.fix!({ article: parseArticle(inside) } as never, insideFinding)!.edits), article('Die Sharp S.p.A. hat zugestimmt.'));
  });

  test('“Pro+” is another name than “Pro”', () => {
    assert.deepEqual(mentions('Das Xiaomi 12S Pro+ und das Xiaomi 12S Pro.'), ['Xiaomi 12S Pro+=xiaomi-12s-pro-plus', 'Xiaomi 12S Pro=xiaomi-12s-pro']);
    assert.deepEqual(caseFindings('Das Xiaomi 12S Pro+ und das Xiaomi 12S Pro.'), []);
    assert.deepEqual(caseFindings('Das XIAOMI 12S PRO+ kommt.'), ['“XIAOMI 12S PRO+” is written “Xiaomi 12S Pro+” in the knowledge base.']);
  });

  test('a name followed by a “+” it does not have is not that name', () => {
    assert.deepEqual(mentions('Das Aquos R6+ und das Aquos R6, Sharp+'), ['Aquos R6=aquos-r6']);
  });
});

describe('entity-misspelling', () => {
  const file = { name: '000_0123456789abcdef.txt', entities: small };
  const found = (body: string) => runRule(entityMisspelling, `---\nlang: de\n---\nTitel\n\n${body}\n`, { file }).map((f) => `${f.covered}→${f.data?.spelling}`);
  test('“Lecia” is Leica; transpositions, a dropped and an added letter', () => {
    assert.deepEqual(found('Lecia, Xiaomii, Huwei und Sharpp.'), ['Lecia→Leica', 'Xiaomii→Xiaomi', 'Huwei→Huawei', 'Sharpp→Sharp']);
  });
  test('no false alarms: neighbouring models, other numbers, lower-case words, ordinary words one letter off a short name', () => {
    assert.deepEqual(found('Das Leitz Phone 2, das Xiaomi 12 Ultra und das Aquos R7; eine sharpe Kamera; Leitz; Kamera und Camera; Share; Weiss.'), []);
  });
  test('the fix writes the knowledge-base spelling and is a suggestion, not a safe fix', () => {
    const text = '---\nlang: it\n---\nXiaomi e Lecia\n\nTesto.\n';
    const context = { name: file.name, entities: small };
    const [finding] = runRule(entityMisspelling, text, { file: context });
    const fix = entityMisspelling.fix!({ article: parseArticle(text) } as never, finding)!;
    assert.equal(fix.safe, false);
    assert.equal(applyEdits(text, fix.edits), text.replace('Lecia', 'Leica'));
  });
});

describe('entity-unknown candidates', () => {
  const candidates = (text: string, nounCapitalisation = false) => {
    const article = parseArticle(text);
    const regions = candidateRegions(article);
    return findCandidates(text, regions, small.matcher.findMentions(text, regions), { nounCapitalisation }).map((c) => `${c.text}:${c.type}`);
  };
  test('a known name with a new model number, model names, and people', () => {
    assert.deepEqual(candidates('Titel\n\nIn Japan gibt es das Leitz Phone 2 und das Aquos R7. Das Huawei P60 kommt. Laut Andreas Mohrland, CEO.\n', true), [
      'Leitz Phone 2:product', 'Aquos R7:product', 'Huawei P60:product', 'Andreas Mohrland:person',
    ]);
  });
  test('a plus written against a model name belongs to it: a name of its own', () => {
    assert.deepEqual(candidates('Titel\n\nDas Aquos R6+ und das Leitz Phone 2+ kommen, das Aquos R6 auch.\n', true), ['Aquos R6+:product', 'Leitz Phone 2+:product']);
  });
  test('years, job titles and a title in headline case are not names', () => {
    assert.deepEqual(candidates('The Big New Phone Arrives Today\n\nSince 2016 Leica 2016 works with Huawei. Head of Development, Regional Marketing Manager.\n'), []);
  });
  test('people in English prose, also at the start of a sentence', () => {
    assert.deepEqual(candidates('Title\n\nOwen Ou said so. Then Doris Pan agreed.\n'), ['Owen Ou:person', 'Doris Pan:person']);
  });
  test('German: capitalised nouns after a lower-case word are no name', () => {
    assert.deepEqual(candidates('Titel\n\nDer Hersteller ist in Sachen Kameraleistung gut, im Bereich Optical Engineering. Farbiges Porträt von Xiaomi.\n', true), []);
    assert.deepEqual(candidates('Titel\n\nGruppenbild: Andreas Mohrland, Marius Eschweiler.\n', true), ['Andreas Mohrland:person', 'Marius Eschweiler:person']);
  });
  test('words join a name across one space or no-break space only; a sentence starts after its punctuation', () => {
    assert.deepEqual(candidates('Titel\n\nDas Leitz\u00a0Phone 2 kommt. Gruppenbild: Andreas\u00a0Mohrland.\n', true), ['Leitz\u00a0Phone 2:product', 'Andreas\u00a0Mohrland:person']);
    assert.deepEqual(candidates('Titel\n\nMit Andreas  Mohrland und Marius,\u00a0Eschweiler.\n', true), []);
    // German: the word after a lower-case one across a no-break space is a noun phrase; after a full stop, a sentence's start.
    assert.deepEqual(candidates('Titel\n\nDer Hersteller ist in\u00a0Sachen Kameraleistung gut. Laut Andreas Mohrland kommt es.\n', true), ['Andreas Mohrland:person']);
  });
  test('the fix carries a skeleton entry with a fresh id, the guessed type and the article as source', () => {
    const text = '---\nlang: de\n---\nTitel\n\nIn Japan gibt es das Leitz Phone 2.\n';
    const file = { name: '005_0123456789abcdef.txt', entities: small };
    const [finding] = runRule(entityUnknown, text, { file });
    const fix = entityUnknown.fix!({ article: parseArticle(text), file } as never, finding)!;
    assert.deepEqual(fix.addToKnowledgeBase, { id: 'leitz-phone-2', type: 'product', name: 'Leitz Phone 2', description: {}, sources: ['005_0123456789abcdef.txt'] });
    assert.deepEqual(fix.edits, [], 'the article itself is not changed');
  });
});

describe('knowledge-base reader', () => {
  const entry = (fields: string) => `{ "entities": [ ${fields} ] }`;
  test('the seeds’ knowledge base reads without problems', () => {
    const reading = readKnowledgeBase(readFileSync(path.join(seeds, 'entities.json'), 'utf8'));
    assert.deepEqual(reading.problems, []);
    assert.ok(reading.knowledgeBase!.entities.length >= 40, 'reading.knowledgeBase!.entities.length >= 40');
  });
  test('invalid JSON: no knowledge base, a problem at the error', () => {
    const text = '{ "entities": [ { "id": "a", } ] }';
    const reading = readKnowledgeBase(text);
    assert.equal(reading.knowledgeBase, undefined);
    assert.match(reading.problems[0].message, /^Invalid JSON: /);
    assert.ok(reading.problems[0].span.start >= text.indexOf(',') && reading.problems[0].span.start <= text.indexOf('}'), `reading.problems[0].span.start >= text.indexOf(',') && reading.problems[0].span.start <= text.indexOf('}')`);
  });
  test('duplicate ids and a name on two entities: reported at the place, the rest stays usable', () => {
    const text = entry('{ "id": "a", "type": "place", "name": "Alpha" }, { "id": "a", "type": "place", "name": "Beta" }, { "id": "c", "type": "place", "name": "Gamma", "aliases": ["Alpha", "G"] }');
    const reading = readKnowledgeBase(text);
    const messages = reading.problems.map((p) => `${text.slice(p.span.start, p.span.end)} ${p.severity}: ${p.message}`);
    assert.deepEqual(messages.sort(), [
      '"Alpha" error: "Alpha" already names "a"; a name or alias must belong to one entity. It is not matched for "c".',
      '"G" warning: An alias needs at least two characters; it is ignored.',
      '"a" error: Duplicate id "a": an earlier entry has it; this entry is ignored.',
    ]);
    assert.deepEqual(reading.knowledgeBase!.entities.map((e) => [e.id, e.aliases ?? []]), [['a', []], ['c', []]]);
  });
  test('schema violations: wrong type, missing name, unknown keys, dangling references', () => {
    const text = entry('{ "id": "Bad Id", "type": "company", "nmae": "X" }, { "id": "ok", "type": "other", "name": "Okay", "relations": [{ "type": "partnership", "with": "nobody", "from": "2016-3" }] }');
    const messages = readKnowledgeBase(text).problems.map((p) => p.message);
    for (const expected of [/The id "Bad Id" must be lower-case/, /"company" is not an entity type/, /Missing "name"/, /Unknown key "nmae"/, /"2016-3" is not a date/, /No entity has the id "nobody"/]) {
      assert.ok(messages.some((m) => expected.test(m)), `${expected} in ${messages.join(' | ')}`);
    }
  });
  test('appending an entry keeps the file valid and its indentation; spelling spans find a name in the file', () => {
    const text = '{\n    "entities": [\n        { "id": "a", "type": "place", "name": "Alpha" }\n    ]\n}\n';
    const entity: KbEntity = { id: 'b', type: 'product', name: 'Beta 2' };
    const after = applyEdits(text, appendEntityEdit(text, entity));
    assert.deepEqual(JSON.parse(after).entities.map((e: KbEntity) => e.id), ['a', 'b']);
    assert.match(after, /\n {8}\{\n {12}"id": "b"/);
    const [span] = spellingSpans(after, 'a', 'Alpha');
    assert.equal(after.slice(span.start, span.end), '"Alpha"');
  });
});

describe('hover card', () => {
  test('knowledge-base text is escaped: no links, no HTML, no formatting', () => {
    const entity: KbEntity = { id: 'x', type: 'other', name: 'Evil *Corp*', description: { en: '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>' }, facts: [{ property: 'role', value: '`code`' }] };
    const markdown = entityHoverMarkdown({ entity, knowledgeBase: { entities: [entity], byId: new Map([['x', entity]]) }, language: 'de', counts: { mentions: 2, articles: 1 } });
    assert.ok(markdown.includes('Evil \\*Corp\\*'), `markdown.includes('Evil \\\\*Corp\\\\*')`);
    assert.ok(markdown.includes('\\[click\\]\\(command:workbench\\.action\\.terminal\\.new\\)'), `markdown.includes('\\\\[click\\\\]\\\\(command:workbench\\\\.action\\\\.terminal\\\\.new\\\\)')`);
    assert.ok(!/<img/.test(markdown) && markdown.includes('&lt;img'), `!/<img/.test(markdown) && markdown.includes('&lt;img')`);
    const links = [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepEqual(links, ['seedCorpus.openEntity', 'seedCorpus.findMentions', 'seedCorpus.showOnTimeline'], 'only the extension’s own commands are linked');
    assert.match(markdown, /Mentioned 2 times in 1 article · /);
  });

  test('the card lists the relations other entities hold with the entity', () => {
    const leica: KbEntity = { id: 'leica', type: 'organization', name: 'Leica' };
    const xiaomi: KbEntity = { id: 'xiaomi', type: 'organization', name: 'Xiaomi', relations: [{ type: 'partnership', with: 'leica', from: '2022' }] };
    const sharp: KbEntity = { id: 'sharp', type: 'organization', name: 'Sharp', relations: [{ type: 'partnership', with: 'xiaomi' }] };
    const knowledgeBase = { entities: [leica, xiaomi, sharp], byId: new Map([leica, xiaomi, sharp].map((e) => [e.id, e])) };
    const markdown = entityHoverMarkdown({ entity: leica, knowledgeBase, counts: { mentions: 1, articles: 1 } });
    assert.match(markdown, /\*\*Relations\*\*\n\n- partnership with Xiaomi, since 2022$/m);
    assert.doesNotMatch(markdown, /Sharp/);
  });

  test('the card lists the first dated events and counts the others', () => {
    const entity: KbEntity = { id: 'x', type: 'organization', name: 'Leica' };
    const shown = ['2016', '2019', '2021-07', '2022-03-31', '2022-05'].map((value) => ({ value, text: `Event of ${value}.` }));
    const markdown = entityHoverMarkdown({ entity, knowledgeBase: { entities: [entity], byId: new Map([['x', entity]]) }, counts: { mentions: 40, articles: 12 }, events: { shown, total: 12 } });
    assert.match(markdown, /\*\*On the timeline\*\*\n\n- 2016: Event of 2016\\\.\n(?:- .*\n){4}- … 7 more$/);
    const none = entityHoverMarkdown({ entity, knowledgeBase: { entities: [entity], byId: new Map([['x', entity]]) }, counts: { mentions: 1, articles: 1 }, events: { shown: [], total: 0 } });
    assert.doesNotMatch(none, /On the timeline/);
  });
});
