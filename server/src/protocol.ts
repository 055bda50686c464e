/**
 * The extension's own messages between client and server, typed once and imported by both sides.
 * Direction is noted on each. Uses only the protocol package, so the client bundle stays free of server code.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0, type Location, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';

export type RuleSeverityOverride = 'default' | 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The `seedCorpus` settings section, as the server reads it. */
export interface SeedCorpusSettings {
  /** Per-rule severity override; "default" leaves the corpus config / rule default in force. */
  rules: Record<string, RuleSeverityOverride>;
  /** Languages of the corpus; empty means the corpus config file (or the built-in default) decides. */
  languages: string[];
  /** Globs of article files, besides every `*.txt` under a folder holding `seed-corpus.json`. */
  files: string[];
  /** Inlay hints with the resolved value after relative and partial dates ("im Juli ⟨2022-07⟩"). */
  timeline: { inlayHints: boolean };
  /** Size limit in kilobytes; undefined leaves the corpus config (or the built-in 2,048) in force. */
  maxArticleSize?: number;
}

export const defaultSettings: SeedCorpusSettings = { rules: {}, languages: [], files: ['**/seeds/**/*.txt'], timeline: { inlayHints: true } };

/** What the client passes in `initialize`'s `initializationOptions`. */
export interface SeedCorpusInitializationOptions {
  /**
   * Folder for the analysis cache (the extension's workspace storage). Results are kept there per file, keyed
   * by content hash and by the versions of the rules, knowledge base and config, so a restart does not
   * re-analyse unchanged articles. Without it the server keeps no cache on disk.
   */
  cacheFolder?: string;
  /**
   * How long the analysis threads wait without work before they end and give back their memory, in milliseconds
   * (30 s when absent); a pass over the corpus ends them as soon as it is done, whatever this says. The cache is
   * written once they have ended. Tests lengthen and shorten it.
   */
  analysisThreadsIdleMs?: number;
}

/** Title of the work-done progress the server shows while it analyses the corpus ("Indexing seeds: n / N"). */
export const indexingProgressTitle = 'Indexing seeds';

export interface LanguageStatusParams {
  uri: string;
}

export interface LanguageStatus {
  /** The header's `lang` value as written, if any. */
  declared?: string;
  /** Whether `declared` is a well-formed BCP 47 tag. */
  declaredValid: boolean;
  /** Detected language (BCP 47), if the article has enough prose to judge. */
  detected?: string;
  /** Share of the judged text in the detected language, 0–1. */
  confidence: number;
  /** Whether detection is certain enough to act on. */
  sure: boolean;
  /** The corpus languages, to offer when setting the tag. */
  languages: string[];
}

/** client → server: the declared and detected language of an open article (null when it is not one). */
export const languageStatusRequest = new RequestType<LanguageStatusParams, LanguageStatus | null, void>('seedCorpus/languageStatus');

export interface SetLanguageParams {
  uri: string;
  tag: string;
}

/** client → server: the edit that sets an article's `lang` tag (null when the header cannot be edited safely). */
export const setLanguageRequest = new RequestType<SetLanguageParams, WorkspaceEdit | null, void>('seedCorpus/setLanguage');

export interface FixCorpusResult {
  edit: WorkspaceEdit;
  /** Files the edit changes. */
  files: number;
  /** Fixes applied, in all. */
  fixes: number;
}

/** client → server: one edit applying every safe fix to every article of the corpus (open or not). */
export const fixCorpusRequest = new RequestType0<FixCorpusResult, void>('seedCorpus/fixCorpus');

export interface CorpusAnalysedParams {
  /** Articles analysed. */
  files: number;
  /** Diagnostics published across them. */
  findings: number;
  /** Wall time of the pass, in milliseconds. */
  durationMs: number;
}

/** server → client: the whole corpus has been analysed (after start, a config change or a rescan). */
export const corpusAnalysedNotification = new NotificationType<CorpusAnalysedParams>('seedCorpus/corpusAnalysed');

/**
 * server → client, `window/logMessage`: how the line starts that says the analysis threads ended for want of work,
 * after a pass over the corpus or a while without jobs (the benchmark waits for it to measure the server's memory
 * without them).
 */
export const analysisThreadsEndedLog = 'Analysis threads ended without work';

/** server → client, `window/logMessage`: how the line starts that says the analysis cache was written. */
export const cacheWrittenLog = 'Analysis cache written';

/** The extension's own commands that hover cards may link to (with JSON arguments); the client enables these and no others. */
export const hoverCommands = ['seedCorpus.openEntity', 'seedCorpus.findMentions', 'seedCorpus.showOnTimeline'] as const;
export type HoverCommand = (typeof hoverCommands)[number];

export type EntityTypeName = 'organization' | 'person' | 'product' | 'place' | 'publication' | 'other';

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityTypeName;
  /** Mentions across the corpus. */
  mentions: number;
  /** Articles that mention it. */
  articles: number;
}

export interface EntitiesResult {
  /** Every entity of every corpus knowledge base, the most mentioned first within each type. */
  entities: EntitySummary[];
}

/** client → server: the entities of the workspace's knowledge bases with their mention counts (for the Entities view). */
export const entitiesRequest = new RequestType0<EntitiesResult, void>('seedCorpus/entities');

export interface EntityMentionsParams {
  id: string;
}

export interface EntityMention {
  uri: string;
  range: Range;
  /** The mention as written. */
  text: string;
  /** The line around it, shortened, for a tree label. */
  context: string;
}

/** client → server: every mention of one entity across the corpus, open or not, in file order. */
export const entityMentionsRequest = new RequestType<EntityMentionsParams, EntityMention[], void>('seedCorpus/entityMentions');

export interface EntityLocationParams {
  id: string;
}

/** client → server: where an entity is defined in its knowledge base (null when unknown). */
export const entityLocationRequest = new RequestType<EntityLocationParams, Location | null, void>('seedCorpus/entityLocation');

/** server → client: mentions or the knowledge base changed (the Entities view refreshes). */
export const entitiesChangedNotification = new NotificationType0('seedCorpus/entitiesChanged');

/** One row of the timeline: a dated expression in an article, or the start or end of a knowledge-base relation. */
export interface TimelineEntry {
  /** TIMEX3-style value: `2022-03-31`, `2022-07`, `2016`, `XXXX-07` (unresolved), `P5Y` (a duration). */
  value: string;
  /** Edge of a period or range: START, MID, END, ON_OR_AFTER, ON_OR_BEFORE, BEFORE, AFTER. */
  mod?: string;
  source: 'article' | 'knowledge-base';
  /** The expression as written, or the relation's summary. */
  text: string;
  /** The sentence holding the expression (the summary for a relation). */
  sentence: string;
  /** The article and the expression's range (absent for a relation). */
  uri?: string;
  range?: Range;
  entities: Array<{ id: string; name: string }>;
  /** How the value was found: absolute, article-date, narrative, unresolved (articles only). */
  anchor?: 'absolute' | 'article-date' | 'narrative' | 'unresolved';
  /** A sentence saying how the value was resolved, or which articles state a relation. */
  resolution: string;
  /** The value in words ("end of March 2022"). */
  description: string;
  /** Calendar place for grouping; absent for durations and unresolved values (the "Undated" group). */
  year?: number;
  month?: number;
}

/**
 * A place in the Corpus Timeline, as the client asks for its events: a month of a year (`{ year, month }`), the
 * events of a year that name no month — the year itself, a half, quarter, season or week of it (`{ year }`) — or
 * the undated ones, unresolved dates and durations (`{}`).
 */
export interface TimelinePlace {
  year?: number;
  /** 1–12. */
  month?: number;
}

/** A group of the timeline with the number of events in it (in the scope asked for: the corpus, or one entity). */
export type TimelineGroup =
  | { kind: 'year'; year: number; count: number }
  | { kind: 'month'; year: number; month: number; count: number }
  /** The events of the year that name no month (the place `{ year }`). */
  | { kind: 'no-month'; year: number; count: number }
  | { kind: 'undated'; count: number };

export interface TimelineGroupsParams {
  /** Only events naming this entity (by knowledge-base id). */
  entity?: string;
  /** The groups of this year (its no-month group, then its months); without it, the years and Undated. */
  year?: number;
}

export interface TimelineGroupsResult {
  /** In time order: years ascending and Undated last; in a year, its no-month group first, then months ascending. */
  groups: TimelineGroup[];
  /** Events in all of them. */
  total: number;
  /** Changes whenever the timeline does: pages of different versions need not fit together. */
  version: number;
}

/** client → server: the top of the Corpus Timeline (years and Undated) or one year's groups, with their event counts. */
export const timelineGroupsRequest = new RequestType<TimelineGroupsParams, TimelineGroupsResult, void>('seedCorpus/timelineGroups');

export interface TimelineEventsParams {
  /** Only events naming this entity (by knowledge-base id). */
  entity?: string;
  place: TimelinePlace;
  /** Events to skip (default 0). */
  offset?: number;
  /** Events to return at most (default `timelinePageSize`, at most `timelineMaxPage`). */
  limit?: number;
}

export interface TimelineEventsResult {
  /** The page, in time order: the place's events from `offset` on. */
  entries: TimelineEntry[];
  offset: number;
  /** Events at the place in all (the page may be the last, or past the end and empty). */
  total: number;
  /** As in TimelineGroupsResult. */
  version: number;
}

export const timelinePageSize = 200;
export const timelineMaxPage = 1000;

/** client → server: one page of the events at a place of the Corpus Timeline (a month, a year's no-month events, Undated). */
export const timelineEventsRequest = new RequestType<TimelineEventsParams, TimelineEventsResult, void>('seedCorpus/timelineEvents');

/** server → client: events changed (an edit, a file, the knowledge base); the timeline view refreshes. */
export const timelineChangedNotification = new NotificationType0('seedCorpus/timelineChanged');
