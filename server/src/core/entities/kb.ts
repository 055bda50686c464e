/**
 * The knowledge base: the entities a corpus talks about, as stored in its JSON file (`entities.json`).
 * The JSON Schema in client/schemas/entities.schema.json describes the same shape for the editor.
 */

export const entityTypes = ['organization', 'person', 'product', 'place', 'publication', 'other'] as const;
export type EntityType = (typeof entityTypes)[number];

/** Text per BCP 47 language tag, e.g. `{ "de": "…", "it": "…", "en": "…" }`. */
export type Localized = Record<string, string>;

/** A statement about an entity, with the articles (file names) that state it. */
export interface KbFact {
  /** What the fact is about: headquarters, founded, role, employer, maker, … */
  property: string;
  /** The value as a reader would write it: "Wetzlar", "1914", "CEO". */
  value: string;
  /** The KB id of the value, when the value is itself an entity (headquarters → `wetzlar`). */
  entity?: string;
  /** Article file names stating the fact. */
  sources?: string[];
}

/** A relation between two entities over a span of time (a partnership, employment, …). */
export interface KbRelation {
  /** Kind of relation: partnership, employment, ownership, … */
  type: string;
  /** The KB id of the other entity. */
  with: string;
  /** Start, as a TIMEX3-style value: `2016`, `2022-05`, `2022-03-31`. */
  from?: string;
  /** End (inclusive), same form as `from`. */
  until?: string;
  description?: Localized;
  sources?: string[];
}

export interface KbEntity {
  /** Stable id, lower-case with hyphens: `leica-camera`. */
  id: string;
  type: EntityType;
  /** Canonical name, the spelling fixes move towards. */
  name: string;
  /** Other spellings that are the same entity in any language ("Leica", "Leica Camera"). */
  aliases?: string[];
  /** The entity's name in a given language where it differs (Peking / Pechino / Beijing / Pékin). */
  localNames?: Localized;
  /** One or two sentences per language; de, it and en at least. */
  description?: Localized;
  facts?: KbFact[];
  relations?: KbRelation[];
  /** Article file names the entry was taken from. */
  sources?: string[];
}

export interface KnowledgeBaseFile {
  $schema?: string;
  entities: KbEntity[];
}
