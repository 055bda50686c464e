/**
 * Deterministic synthetic corpora for the benchmark: a knowledge base of 20,000 entities and articles of about
 * 3 KB in de, it, en and fr, shaped like the seeds (optional YAML header, title, blank line, one paragraph per
 * line), naming knowledge-base entities (a few popular ones often, most rarely), misspelling some, with dates and
 * the format faults real scraped articles have, in realistic proportions.
 *
 * Everything comes from a seeded PRNG: the same seed gives the same bytes. Each article draws from its own stream
 * (seed, index), so any article can be generated alone and a corpus is written one file at a time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EntityType, KbEntity, KbFact, KbRelation, KnowledgeBaseFile } from '../../server/src/core/entities/kb';
import { benchLanguages, calendarText, descriptions, prose, type BenchLanguage } from './prose';

/** Bump when the output changes: corpora on disk from another version are regenerated. */
export const generatorVersion = 1;
export const defaultSeed = 7;
export const knowledgeBaseSize = 20_000;
/** Share of articles per language. */
export const languageWeights: Record<BenchLanguage, number> = { de: 0.35, it: 0.25, en: 0.25, fr: 0.15 };
/** Size of the article the typing benchmark edits, and of the single large article. */
export const typingArticleBytes = 100_000;
export const hugeArticleBytes = 1_048_576;

// -------------------------------------------------------------------------------------------------------------
// PRNG

/** A 32-bit hash of a few integers (murmur3's finaliser over a running mix). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** sfc32: small, fast and good enough for test data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    this.a = hash32(seed, 1);
    this.b = hash32(seed, 2);
    this.c = hash32(seed, 3);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1][0];
  }
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s: a few entities are everywhere, most are rare. */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(n: number, s: number) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cumulative[r] = sum += 1 / Math.pow(r + 1, s);
  }

  sample(rng: Rng): number {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** 16 lowercase hex digits, distinct for distinct indexes: splitmix64's finaliser is a bijection. */
export function articleId(seed: number, index: number): string {
  const mask = (1n << 64n) - 1n;
  let z = ((BigInt(seed >>> 0) << 32n) | BigInt(index >>> 0)) & mask;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
  z ^= z >> 31n;
  return z.toString(16).padStart(16, '0');
}

export function articleFileName(seed: number, index: number, sequenceDigits = 3): string {
  return `${String(index).padStart(sequenceDigits, '0')}_${articleId(seed, index)}.txt`;
}

// -------------------------------------------------------------------------------------------------------------
// Knowledge base

const syllables = ['ka', 'lo', 'ri', 'ven', 'tor', 'mi', 'sa', 'ne', 'vo', 'lux', 'tek', 'ra', 'zen', 'dor', 'pha', 'mar', 'tel', 'ion', 'kor', 'ban', 'li', 'ga', 'ro', 'xe', 'nu', 'vi', 'ta', 'ler', 'mon', 'dex', 'fi', 'ul', 'sen', 'qua', 'bri', 'del', 'or', 'an', 'is', 'el', 'sto', 'var', 'hel', 'cyr', 'jo', 'pre', 'tam', 'ov'];
const orgSuffixes = ['AG', 'GmbH', 'SpA', 'SA', 'Ltd', 'Group', 'Camera AG', 'Optics', 'Mobile', 'Electronics', 'Technologies'];
const firstNames = [
  'Andreas', 'Matthias', 'Marius', 'Doris', 'Violet', 'Owen', 'Sabine', 'Katrin', 'Jürgen', 'Stefan', 'Monika', 'Tobias', 'Julia', 'Lena', 'Felix', 'Anna',
  'Marco', 'Giulia', 'Luca', 'Francesca', 'Matteo', 'Chiara', 'Alessandro', 'Sara', 'Giorgio', 'Elena', 'Paolo', 'Silvia', 'Davide', 'Valentina',
  'James', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'Daniel', 'Rachel', 'Thomas', 'Olivia', 'Robert', 'Hannah',
  'Pierre', 'Camille', 'Julien', 'Claire', 'Nicolas', 'Amélie', 'Antoine', 'Sophie', 'Mathieu', 'Élodie', 'Imène', 'Hugo',
  'Wei', 'Lei', 'Hiroshi', 'Yuki', 'Min', 'Jun',
];
const surnameEndings = ['mann', 'er', 'ini', 'etti', 'son', 'ier', 'ez', 'berg', 'elli', 'and', 'ard', 'ton', 'ucci', 'haus', 'el'];
const placeEndings = ['burg', 'stadt', 'heim', 'ano', 'ona', 'ville', 'ton', 'port', 'hafen', 'ia', 'en', 'ara'];
const productSeries = ['Nova', 'Vista', 'Aura', 'Zoom', 'Edge', 'Lumen', 'Prism', 'Orbit', 'Pulse', 'Flux', 'Aero', 'Core', 'Mark', 'Alpha', 'Sigma', 'Terra', 'Volt', 'Halo'];
const productVariants = ['', ' Pro', ' Ultra', ' Lite', ' Plus', ' Max', ' Mini', 'S'];
const publicationPatterns = ['{B} Magazin', 'Foto{b}', 'Il {B}', 'The {B} Review', '{B} Online', 'Le {B}', '{B} Today', '{B} Digital', 'Corriere di {B}'];
const otherPatterns = ['{B} Expo', '{B} Photo Days', 'Salone {B}'];

export const entityCounts: Record<EntityType, number> = { organization: 5000, person: 6500, product: 5500, place: 2000, publication: 700, other: 300 };

export interface GeneratedKnowledgeBase {
  seed: number;
  entities: KbEntity[];
  /** By type, in popularity order (rank 0 is mentioned most). */
  byType: Record<EntityType, KbEntity[]>;
  /** Products by the id of their maker. */
  productsOf: Map<string, KbEntity[]>;
  /** The word brands are written with (an org's name without its legal suffix). */
  brandOf: Map<string, string>;
  samplers: Record<EntityType, Zipf>;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The word and its forms with up to `depth` letters deleted. */
function deletions(word: string, depth: number): Set<string> {
  let frontier = new Set([word]);
  const all = new Set(frontier);
  for (let d = 0; d < depth; d++) {
    const next = new Set<string>();
    for (const w of frontier) for (let i = 0; i < w.length; i++) next.add(w.slice(0, i) + w.slice(i + 1));
    next.forEach((w) => all.add(w));
    frontier = next;
  }
  return all;
}

/**
 * The words of the prose (lower case), and their one- and two-letter deletions. An entity word sharing a
 * deletion with them is a letter or two from an ordinary word ("Senor" and "Sensor"), which entity-misspelling
 * would rightly flag in every article: such names are not generated.
 */
function proseNeighbourhood(): { words: Set<string>; near: Set<string> } {
  const words = new Set<string>();
  for (const p of Object.values(prose)) {
    for (const line of [...p.sentences, ...p.titles, ...p.captions, ...p.credits, ...p.residue, ...p.months]) for (const w of line.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  }
  const near = new Set<string>();
  for (const w of words) if (w.length >= 4) deletions(w, w.length >= 8 ? 2 : 1).forEach((d) => near.add(d));
  return { words, near };
}

/** Builds the knowledge base of `count` entities (the default mix scaled), every id and every name unique. */
export function generateKnowledgeBase(seed = defaultSeed, count = knowledgeBaseSize): GeneratedKnowledgeBase {
  const rng = new Rng(hash32(seed, 0x6b62));
  const reserved = proseNeighbourhood();
  const taken = new Set<string>();
  const ids = new Set<string>();
  const total = Object.values(entityCounts).reduce((a, b) => a + b, 0);
  const counts = Object.fromEntries(Object.entries(entityCounts).map(([type, n]) => [type, Math.max(1, Math.round((n * count) / total))])) as Record<EntityType, number>;
  counts.organization += count - Object.values(counts).reduce((a, b) => a + b, 0);

  const nearProse = (word: string) => {
    const key = word.toLowerCase();
    if (key.length < 4) return reserved.words.has(key);
    for (const d of deletions(key, key.length >= 9 ? 2 : 1)) if (reserved.near.has(d)) return true;
    return false;
  };
  /**
   * Takes a name when no entity has it yet and its distinctive word (the one entity-misspelling indexes: a
   * single-word name, a brand, a surname) is not near a word of the prose.
   */
  const claim = (name: string, distinctive: string | undefined = name.includes(' ') ? undefined : name) => {
    const key = name.toLowerCase();
    if (taken.has(key) || name.length < 2 || (distinctive !== undefined && nearProse(distinctive))) return false;
    taken.add(key);
    return true;
  };
  const uniqueId = (name: string) => {
    const base = slug(name) || 'entity';
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const word = (min: number, max: number) => capitalize(Array.from({ length: rng.between(min, max) }, () => rng.pick(syllables)).join(''));
  const fresh = (make: () => string, distinctive?: (name: string) => string) => {
    for (;;) {
      const name = make();
      if (claim(name, distinctive ? distinctive(name) : undefined)) return name;
    }
  };
  const localized = (kind: string, name: string, place: string) =>
    Object.fromEntries(benchLanguages.map((l) => [l, descriptions[kind][l].replace('{name}', name).replace('{place}', place)]));

  const byType = { organization: [], person: [], product: [], place: [], publication: [], other: [] } as Record<EntityType, KbEntity[]>;
  const brandOf = new Map<string, string>();
  const productsOf = new Map<string, KbEntity[]>();

  // One real place the prose names ("in the United States", "Stati Uniti"), with its local names.
  for (const n of ['United States', 'USA', 'Stati Uniti', 'Vereinigte Staaten', 'États-Unis']) claim(n);
  const unitedStates: KbEntity = { id: uniqueId('United States'), type: 'place', name: 'United States', aliases: ['USA'], localNames: { de: 'Vereinigte Staaten', it: 'Stati Uniti', fr: 'États-Unis' }, description: localized('place', 'United States', '') };
  for (let i = 1; i < counts.place; i++) {
    const name = fresh(() => word(2, 3) + (rng.chance(0.6) ? rng.pick(placeEndings) : ''));
    const entity: KbEntity = { id: uniqueId(name), type: 'place', name, description: localized('place', name, '') };
    if (rng.chance(0.25)) {
      const local: Record<string, string> = {};
      const it = /[aeiou]$/.test(name) ? name.slice(0, -1) + 'o' : name + 'o';
      const fr = name.endsWith('e') ? name + 's' : name + 'e';
      if (claim(it)) local.it = it;
      if (claim(fr)) local.fr = fr;
      if (Object.keys(local).length > 0) entity.localNames = local;
    }
    byType.place.push(entity);
  }
  byType.place.push(unitedStates);
  const randomPlace = () => rng.pick(byType.place);

  for (let i = 0; i < counts.organization; i++) {
    const brand = fresh(() => word(2, 3));
    const suffix = rng.chance(0.4) ? rng.pick(orgSuffixes) : undefined;
    let name = brand;
    if (suffix) {
      const full = `${brand} ${suffix}`;
      if (claim(full)) name = full;
    }
    const hq = randomPlace();
    const kind = rng.pick(['camera', 'phone', 'company']);
    const facts: KbFact[] = [
      { property: 'headquarters', value: hq.name, entity: hq.id },
      { property: 'founded', value: String(rng.between(1850, 2015)) },
    ];
    const entity: KbEntity = { id: uniqueId(name), type: 'organization', name, description: localized(kind, name, hq.name), facts };
    if (name !== brand) entity.aliases = [brand];
    brandOf.set(entity.id, brand);
    byType.organization.push(entity);
  }
  const orgs = byType.organization;
  // Relations once every organisation exists: partnerships between companies, with dates.
  for (const org of orgs) {
    if (!rng.chance(0.15)) continue;
    const other = rng.pick(orgs);
    if (other === org) continue;
    const from = rng.between(2005, 2022);
    const relation: KbRelation = { type: 'partnership', with: other.id, from: String(from) };
    if (rng.chance(0.5)) relation.until = `${rng.between(from, 2024)}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
    org.relations = [relation];
  }

  for (let i = 0; i < counts.person; i++) {
    const name = fresh(() => `${rng.pick(firstNames)} ${word(1, 2)}${rng.pick(surnameEndings)}`, (n) => n.slice(n.lastIndexOf(' ') + 1));
    const employer = orgs[Math.min(orgs.length - 1, Math.floor(Math.pow(rng.next(), 2) * orgs.length))];
    const entity: KbEntity = {
      id: uniqueId(name),
      type: 'person',
      name,
      description: localized('person', name, ''),
      facts: [
        { property: 'employer', value: employer.name, entity: employer.id },
        { property: 'role', value: rng.pick(['CEO', 'Head of Development', 'Vice President Mobile', 'Marketing Manager', 'Chief Technology Officer']) },
      ],
    };
    if (rng.chance(0.1)) entity.relations = [{ type: 'employment', with: employer.id, from: String(rng.between(2005, 2022)) }];
    byType.person.push(entity);
  }

  for (let i = 0; i < counts.product; i++) {
    // Makers of products are mostly the better-known companies.
    const maker = orgs[Math.floor(Math.pow(rng.next(), 2) * Math.min(orgs.length, 1500))];
    const brand = brandOf.get(maker.id)!;
    const model = () => `${rng.pick(productSeries)} ${rng.between(1, 30)}${rng.pick(productVariants)}`;
    const name = fresh(() => `${brand} ${model()}`);
    const entity: KbEntity = { id: uniqueId(name), type: 'product', name, description: localized('product', name, ''), facts: [{ property: 'maker', value: maker.name, entity: maker.id }] };
    const alias = name.slice(brand.length + 1);
    if (rng.chance(0.3) && claim(alias)) entity.aliases = [alias];
    byType.product.push(entity);
    productsOf.set(maker.id, [...(productsOf.get(maker.id) ?? []), entity]);
  }

  for (const [type, patterns] of [['publication', publicationPatterns], ['other', otherPatterns]] as const) {
    for (let i = 0; i < counts[type]; i++) {
      const name = fresh(() => {
        const b = word(2, 3);
        return rng.pick(patterns).replace('{B}', b).replace('{b}', b.toLowerCase());
      });
      byType[type].push({ id: uniqueId(name), type, name, description: localized(type, name, '') });
    }
  }

  const entities = (Object.keys(byType) as EntityType[]).flatMap((t) => byType[t]);
  const samplers = {
    organization: new Zipf(byType.organization.length, 1.1),
    person: new Zipf(byType.person.length, 0.9),
    product: new Zipf(byType.product.length, 0.9),
    place: new Zipf(byType.place.length, 1.0),
    publication: new Zipf(byType.publication.length, 1.0),
    other: new Zipf(byType.other.length, 1.0),
  };
  return { seed, entities, byType, productsOf, brandOf, samplers };
}

export function knowledgeBaseJson(kb: GeneratedKnowledgeBase): string {
  const file: KnowledgeBaseFile = { entities: kb.entities };
  return JSON.stringify(file, null, 2) + '\n';
}

// -------------------------------------------------------------------------------------------------------------
// Articles

export interface ArticleOptions {
  /** Target length in characters (default: 2.2–3.8 K, about 3 KB on average). */
  size?: number;
  lang?: BenchLanguage;
  /** Sentences per paragraph (default 2–5). */
  sentences?: [number, number];
  /** Digits of the sequence number in the file name (at least 3). */
  sequenceDigits?: number;
  /** No format faults, misspellings or header problems. */
  clean?: boolean;
}

export interface GeneratedArticle {
  name: string;
  text: string;
  lang: BenchLanguage;
  /** The faults built in, by rule id (empty for a clean article). */
  faults: string[];
}

const domains = ['fotomagazin.example', 'tech-news.example', 'notizie-foto.example', 'mobile-world.example', 'photo-actu.example', 'gadget-report.example'];

/** One article: the same (kb seed, seed, index, options) gives the same text. */
export function generateArticle(kb: GeneratedKnowledgeBase, seed: number, index: number, options: ArticleOptions = {}): GeneratedArticle {
  const rng = new Rng(hash32(seed, index, 0xa271));
  const lang = options.lang ?? rng.weighted(languageWeights);
  const p = prose[lang];
  const clean = options.clean ?? false;
  const draw = (type: EntityType) => kb.byType[type][kb.samplers[type].sample(rng)];
  const org = draw('organization');
  let org2 = draw('organization');
  while (org2 === org) org2 = draw('organization');
  const person = draw('person');
  const product = kb.productsOf.get(org.id) && rng.chance(0.7) ? rng.pick(kb.productsOf.get(org.id)!) : draw('product');
  const place = draw('place');
  const pub = draw('publication');
  const year = rng.between(2015, 2024);
  const month = rng.between(1, 12);
  const day = rng.between(1, 28);

  const orgName = (e: KbEntity) => (e.aliases && rng.chance(0.7) ? e.aliases[0] : e.name);
  const placeName = (e: KbEntity) => e.localNames?.[lang] ?? e.name;
  const fill = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'org': return orgName(rng.chance(0.75) ? org : draw('organization'));
        case 'org2': return orgName(rng.chance(0.7) ? org2 : draw('organization'));
        case 'person': return (rng.chance(0.7) ? person : draw('person')).name;
        case 'product': return (rng.chance(0.7) ? product : draw('product')).name;
        case 'place': return placeName(rng.chance(0.6) ? place : draw('place'));
        case 'pub': return (rng.chance(0.6) ? pub : draw('publication')).name;
        case 'date': return calendarText(p, p.date, { day: rng.between(1, 28), month: rng.between(1, 12), year: rng.between(year - 8, year) });
        case 'month': {
          const month = rng.between(1, 12);
          return calendarText(p, p.month[rng.chance(0.1) ? 3 : rng.int(3)], { month, year });
        }
        case 'year': {
          const value = rng.between(year - 9, year);
          return calendarText(p, p.year[rng.int(3)], { year: value });
        }
        case 'yearnum': return String(rng.between(year - 9, year));
        case 'n': return String(rng.between(2, 60));
        case 'pct': return String(rng.between(2, 40));
        case 'qo': return p.quotes[0];
        case 'qc': return p.quotes[1];
        default: return slot;
      }
    });

  // Header: most articles have one with `lang`; some have no header at all (like the seeds), a few forget `lang`.
  const lines: string[] = [];
  const faults: string[] = [];
  const headerKind = clean ? 'full' : rng.weighted({ full: 0.86, noLang: 0.05, none: 0.09 });
  if (headerKind !== 'none') {
    lines.push('---');
    if (headerKind === 'full') {
      const noncanonical = !clean && rng.chance(0.02);
      lines.push(`lang: ${noncanonical ? lang.toUpperCase() : lang}`);
      if (noncanonical) faults.push('lang-tag-canonical');
    } else {
      faults.push('lang-missing');
    }
    lines.push(`source: ${pub.name}`);
    lines.push(`url: https://www.${rng.pick(domains)}/${year}/${articleId(seed, index).slice(0, 8)}`);
    lines.push(`published: ${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(rng.between(6, 22)).padStart(2, '0')}:${String(rng.between(0, 59)).padStart(2, '0')}`);
    if (rng.chance(0.6)) lines.push(`author: ${rng.pick(firstNames)} ${capitalize(rng.pick(syllables) + rng.pick(syllables))}${rng.pick(surnameEndings)}`);
    lines.push('---');
  } else {
    faults.push('lang-missing');
  }
  lines.push(fill(rng.pick(p.titles)), '');

  // The body as blocks (paragraphs, captions, credits) and what separates each from the next: one blank line.
  const blocks: string[] = [];
  if (headerKind === 'none' && rng.chance(0.5)) {
    const label = { de: 'Quelle', it: 'Fonte', en: 'Source', fr: 'Source' }[lang];
    blocks.push(`${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year} ${rng.between(6, 22)}:${String(rng.between(0, 59)).padStart(2, '0')} - ${label}: www.${rng.pick(domains)}`);
    faults.push('dateline');
  }
  const target = options.size ?? rng.between(2200, 3800);
  const [minSentences, maxSentences] = options.sentences ?? [2, 5];
  const paragraphs: number[] = [];
  let length = lines.reduce((sum, l) => sum + l.length + 1, 0) + blocks.reduce((sum, b) => sum + b.length + 2, 0);
  // Sentences are dealt from a shuffled deck, so an article repeats itself only once it has used them all.
  const deck: number[] = [];
  const nextSentence = () => {
    if (deck.length === 0) {
      deck.push(...p.sentences.keys());
      for (let i = deck.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [deck[i], deck[j]] = [deck[j], deck[i]];
      }
    }
    return p.sentences[deck.pop()!];
  };
  while (length < target) {
    const count = rng.between(minSentences, maxSentences);
    const sentences: string[] = [];
    for (let s = 0; s < count; s++) sentences.push(fill(nextSentence()));
    paragraphs.push(blocks.length);
    blocks.push(sentences.join(' '));
    length += blocks[blocks.length - 1].length + 2;
    if (rng.chance(0.12)) {
      blocks.push(fill(rng.pick(rng.chance(0.5) ? p.captions : p.credits)));
      length += blocks[blocks.length - 1].length + 2;
    }
  }
  const separators = blocks.map(() => ['']);
  if (!clean) applyFaults(blocks, paragraphs, separators, rng, lang, org, kb, faults);
  blocks.forEach((block, i) => {
    lines.push(block);
    if (i < blocks.length - 1) lines.push(...separators[i]);
  });
  const eol = !clean && rng.chance(0.01) ? '\r\n' : '\n';
  if (eol === '\r\n') faults.push('line-endings');
  return { name: articleFileName(seed, index, options.sequenceDigits), text: lines.join(eol) + eol, lang, faults };
}

/**
 * Format faults and entity slips, each with its own small probability, so most articles come out clean.
 * `separators[i]` holds the lines between block i and the next (normally one blank line).
 */
function applyFaults(blocks: string[], paragraphs: number[], separators: string[][], rng: Rng, lang: BenchLanguage, org: KbEntity, kb: GeneratedKnowledgeBase, faults: string[]): void {
  const p = prose[lang];
  const someParagraph = () => paragraphs[rng.int(paragraphs.length)];
  const between = () => rng.int(Math.max(1, blocks.length - 1));
  if (rng.chance(0.08)) {
    blocks[someParagraph()] += rng.chance(0.7) ? ' ' : '  ';
    faults.push('trailing-whitespace');
  }
  if (rng.chance(0.08)) {
    const i = someParagraph();
    const spaces = [...blocks[i].matchAll(/ /g)].map((m) => m.index!);
    if (spaces.length > 0) {
      const at = rng.pick(spaces);
      blocks[i] = blocks[i].slice(0, at) + ' ' + blocks[i].slice(at);
      faults.push('multiple-spaces');
    }
  }
  if (rng.chance(0.06)) {
    const i = paragraphs.find((k) => blocks[k].includes(p.quotes[0]));
    if (i !== undefined) {
      blocks[i] = blocks[i].split(p.quotes[0]).join('"').split(p.quotes[1]).join('"');
      faults.push('quote-style');
    }
  }
  if (rng.chance(0.03)) {
    const i = someParagraph();
    const w = rng.pick(p.doubled);
    const at = blocks[i].indexOf(` ${w} `);
    if (at >= 0) {
      blocks[i] = blocks[i].slice(0, at) + ` ${w} ${w} ` + blocks[i].slice(at + w.length + 2);
      faults.push('doubled-word');
    }
  }
  if (rng.chance(0.03)) {
    blocks[someParagraph()] += ` ( ${{ de: 'schon länger', it: 'già da un po’', en: 'for a while', fr: 'depuis un moment' }[lang]} )`;
    faults.push('bracket-spacing');
  }
  if (rng.chance(0.01)) {
    const i = someParagraph();
    blocks[i] = blocks[i].replace(' ', '\t');
    faults.push('no-tabs');
  }
  if (blocks.length > 1 && rng.chance(0.03)) {
    separators[between()] = ['', ' ', ''];
    faults.push('whitespace-only-line');
  }
  if (blocks.length > 1 && rng.chance(0.03)) {
    separators[between()] = [];
    faults.push('paragraph-separation');
  }
  if (blocks.length > 1 && rng.chance(0.02)) {
    separators[between()] = ['', ''];
    faults.push('blank-lines');
  }
  // Entity slips: a misspelt name ("Lecia"), a name in the wrong case ("SHARP").
  const brand = kb.brandOf.get(org.id)!;
  const mentions = paragraphs.filter((i) => blocks[i].includes(brand));
  if (mentions.length > 0 && brand.length >= 5 && rng.chance(0.1)) {
    const i = rng.pick(mentions);
    const k = rng.between(1, brand.length - 3);
    if (brand[k] !== brand[k + 1]) {
      blocks[i] = blocks[i].replace(brand, brand.slice(0, k) + brand[k + 1] + brand[k] + brand.slice(k + 2));
      faults.push('entity-misspelling');
    }
  }
  if (mentions.length > 0 && rng.chance(0.04)) {
    const i = rng.pick(mentions);
    blocks[i] = blocks[i].replace(brand, brand.toUpperCase());
    faults.push('entity-case');
  }
  // Scrapers leave share and comment lines at the end.
  if (rng.chance(0.06)) {
    separators[blocks.length - 1] = [''];
    blocks.push(rng.pick(p.residue));
    separators.push(['']);
    faults.push('web-residue');
  }
}

/** The long article the typing benchmark edits: about 100 KB in some 35 paragraphs. */
export function typingArticle(kb: GeneratedKnowledgeBase, seed: number, index: number, sequenceDigits = 3): GeneratedArticle {
  return generateArticle(kb, seed, index, { size: typingArticleBytes, lang: 'de', sentences: [24, 30], sequenceDigits });
}

/** A single article of about 1 MB, paragraphs of ordinary length. */
export function hugeArticle(kb: GeneratedKnowledgeBase, seed: number): GeneratedArticle {
  return generateArticle(kb, seed, 0, { size: hugeArticleBytes, lang: 'it', sentences: [3, 6] });
}

// -------------------------------------------------------------------------------------------------------------
// Corpora on disk

export interface CorpusInfo {
  dir: string;
  articles: number;
  /** Bytes of all articles. */
  bytes: number;
  knowledgeBaseBytes: number;
  /** File name of the ~100 KB article (the last one), for the typing benchmark. */
  typingArticle: string;
  languages: Record<string, number>;
  generatorVersion: number;
  seed: number;
  /** Whether it was already on disk. */
  reused: boolean;
  generationMs: number;
}

const markerFile = '.bench-corpus.json';

export function benchRoot(): string {
  return path.join(os.tmpdir(), 'seed-corpus-bench');
}

export function sizeLabel(articles: number): string {
  return articles % 1000 === 0 ? `${articles / 1000}k` : String(articles);
}

let kbMemo: GeneratedKnowledgeBase | undefined;
/** The knowledge base of a seed, generated once per process. */
export function benchKnowledgeBase(seed: number): GeneratedKnowledgeBase {
  if (kbMemo?.seed !== seed) kbMemo = generateKnowledgeBase(seed);
  return kbMemo;
}

/** A folder with seed-corpus.json, entities.json and the articles, written once per generator version and kept. */
function ensureFolder(dir: string, seed: number, write: (partial: string) => Omit<CorpusInfo, 'dir' | 'reused' | 'generationMs' | 'generatorVersion' | 'seed' | 'knowledgeBaseBytes'>): CorpusInfo {
  const marker = path.join(dir, markerFile);
  try {
    const info = JSON.parse(fs.readFileSync(marker, 'utf8')) as CorpusInfo;
    if (info.generatorVersion === generatorVersion && info.seed === seed) return { ...info, dir, reused: true };
  } catch {
    // not there yet, or unreadable: generate
  }
  const started = performance.now();
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  const kbJson = knowledgeBaseJson(benchKnowledgeBase(seed));
  fs.writeFileSync(path.join(partial, 'entities.json'), kbJson);
  fs.writeFileSync(path.join(partial, 'seed-corpus.json'), JSON.stringify({ languages: ['de', 'it', 'en', 'fr', 'es'], knowledgeBase: 'entities.json', rules: {} }, null, 2) + '\n');
  const written = write(partial);
  const info: CorpusInfo = { ...written, dir, knowledgeBaseBytes: Buffer.byteLength(kbJson), generatorVersion, seed, reused: false, generationMs: 0 };
  fs.writeFileSync(path.join(partial, markerFile), JSON.stringify(info, null, 2) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(partial, dir);
  } catch (error) {
    // Another bench process finished the same corpus first: the output is the same, keep theirs.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(marker)) throw error;
  }
  return { ...info, generationMs: performance.now() - started };
}

/** The corpus of `articles` articles for a seed: about 3 KB each, the last one the ~100 KB typing article. */
export function ensureCorpus(articles: number, seed = defaultSeed, root = benchRoot()): CorpusInfo {
  return ensureFolder(path.join(root, `${sizeLabel(articles)}-${seed}`), seed, (partial) => {
    const kb = benchKnowledgeBase(seed);
    const digits = Math.max(3, String(articles - 1).length);
    const languages: Record<string, number> = {};
    let bytes = 0;
    let typing = '';
    for (let i = 0; i < articles; i++) {
      const article = i === articles - 1 ? typingArticle(kb, seed, i, digits) : generateArticle(kb, seed, i, { sequenceDigits: digits });
      if (i === articles - 1) typing = article.name;
      const data = Buffer.from(article.text, 'utf8');
      fs.writeFileSync(path.join(partial, article.name), data);
      bytes += data.length;
      languages[article.lang] = (languages[article.lang] ?? 0) + 1;
    }
    return { articles, bytes, typingArticle: typing, languages };
  });
}

/** A corpus holding the one ~1 MB article (with the same knowledge base). */
export function ensureHugeCorpus(seed = defaultSeed, root = benchRoot()): CorpusInfo {
  return ensureFolder(path.join(root, `huge-${seed}`), seed, (partial) => {
    const article = hugeArticle(benchKnowledgeBase(seed), seed);
    const data = Buffer.from(article.text, 'utf8');
    fs.writeFileSync(path.join(partial, article.name), data);
    return { articles: 1, bytes: data.length, typingArticle: article.name, languages: { [article.lang]: 1 } };
  });
}
