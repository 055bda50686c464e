import { severities, type Severity } from './rule';

export type RuleSetting = Severity | 'off';

/** What a corpus config file (`seed-corpus.json`) may say; every field is optional. */
export interface CorpusConfigFile {
  /** BCP 47 tags of the languages the corpus holds; language detection chooses among these. */
  languages?: string[];
  /** Severity per rule id, or "off". */
  rules?: Record<string, RuleSetting>;
  /** Names to hide from language detection (people, companies: they carry no language). */
  names?: string[];
  /** The knowledge base of the corpus, relative to the config file (default `entities.json`). */
  knowledgeBase?: string;
  /** Articles larger than this many kilobytes (of UTF-8) get one `article-too-large` finding instead of a check. */
  maxArticleSize?: number;
}

export interface CorpusConfig {
  languages: string[];
  rules: Record<string, RuleSetting>;
  names: string[];
  /** In kilobytes (1,024 bytes of UTF-8). */
  maxArticleSize: number;
}

export const configFileName = 'seed-corpus.json';
export const defaultKnowledgeBaseFile = 'entities.json';

export const defaultConfig: CorpusConfig = {
  languages: ['de', 'it', 'en', 'fr', 'es'],
  rules: {},
  names: [],
  maxArticleSize: 2048,
};

export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * Validates a parsed config file. Unknown keys and bad values are reported and skipped, never fatal:
 * a typo in one rule's severity must not switch the whole checker off.
 */
export function readConfigFile(value: unknown, knownRuleIds: ReadonlySet<string>): { config: CorpusConfigFile; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: CorpusConfigFile = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config, problems: [{ path: '', message: 'The config must be a JSON object.' }] };
  }
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'languages' || key === 'names') {
      if (Array.isArray(entry) && entry.every((x) => typeof x === 'string' && x.trim() !== '')) config[key] = entry as string[];
      else problems.push({ path: key, message: `"${key}" must be a list of non-empty strings.` });
    } else if (key === 'knowledgeBase') {
      if (typeof entry === 'string' && entry.trim() !== '' && !entry.startsWith('/') && !entry.split(/[\\/]/).includes('..')) config.knowledgeBase = entry;
      else problems.push({ path: key, message: '"knowledgeBase" must be a file path inside the corpus folder, e.g. "entities.json".' });
    } else if (key === 'maxArticleSize') {
      if (typeof entry === 'number' && Number.isFinite(entry) && entry > 0) config.maxArticleSize = entry;
      else problems.push({ path: key, message: '"maxArticleSize" must be a positive number of kilobytes, e.g. 2048.' });
    } else if (key === 'rules') {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push({ path: key, message: '"rules" must map rule ids to a severity or "off".' });
        continue;
      }
      config.rules = {};
      for (const [id, setting] of Object.entries(entry as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) problems.push({ path: `rules.${id}`, message: `Unknown rule id "${id}".` });
        else if (!isRuleSetting(setting)) problems.push({ path: `rules.${id}`, message: `"${String(setting)}" is not one of ${[...severities, 'off'].join(', ')}.` });
        else config.rules[id] = setting;
      }
    } else {
      problems.push({ path: key, message: `Unknown key "${key}".` });
    }
  }
  return { config, problems };
}

export function isRuleSetting(value: unknown): value is RuleSetting {
  return value === 'off' || (severities as readonly unknown[]).includes(value);
}

/** Later layers win: defaults < corpus config file < editor settings. */
export function mergeConfig(...layers: ReadonlyArray<CorpusConfigFile | undefined>): CorpusConfig {
  const merged: CorpusConfig = { languages: [...defaultConfig.languages], rules: {}, names: [], maxArticleSize: defaultConfig.maxArticleSize };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.languages && layer.languages.length > 0) merged.languages = [...layer.languages];
    if (layer.rules) Object.assign(merged.rules, layer.rules);
    if (layer.names) merged.names = [...new Set([...merged.names, ...layer.names])];
    if (layer.maxArticleSize !== undefined) merged.maxArticleSize = layer.maxArticleSize;
  }
  return merged;
}
