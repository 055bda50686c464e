/**
 * Capitalised words that do not make a name: articles, prepositions, pronouns and adverbs that open a sentence, and the job-title
 * and department words of captions ("Head of Camera Department", "Regional Marketing Manager"). A run of
 * capitalised words is only an entity candidate once these are trimmed from its ends. Lower case; extend freely.
 */
export const genericCapitalised: ReadonlySet<string> = new Set([
  // de
  'dann', 'aber', 'doch', 'auch', 'laut', 'so', 'wenn', 'als', 'dies', 'diese', 'dieser', 'er', 'sie', 'es', 'wir',
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'im', 'in', 'am', 'an', 'auf', 'aus', 'bei', 'mit', 'nach', 'vor', 'und', 'oder', 'auch', 'wie', 'für', 'von', 'zum', 'zur',
  // it
  'poi', 'ma', 'anche', 'dopo', 'quando', 'secondo', 'questo', 'questa',
  'il', 'lo', 'la', 'le', 'gli', 'i', 'un', 'una', 'uno', 'del', 'della', 'dei', 'delle', 'nel', 'nella', 'al', 'alla', 'e', 'con', 'per', 'da', 'di', 'su',
  // en
  'then', 'but', 'so', 'also', 'when', 'while', 'after', 'before', 'if', 'as', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'we', 'they', 'there', 'here', 'according',
  'the', 'a', 'of', 'and', 'for', 'at', 'on', 'with', 'by', 'to', 'from',
  // fr, es
  'les', 'des', 'une', 'du', 'et', 'au', 'aux', 'el', 'los', 'las', 'y', 'en',
  // titles and departments
  'ceo', 'cfo', 'cto', 'coo', 'gm', 'vp', 'head', 'vice', 'president', 'chief', 'officer', 'director', 'manager', 'senior', 'junior', 'member',
  'department', 'unit', 'team', 'business', 'marketing', 'sales', 'regional', 'global', 'general', 'executive', 'development', 'engineering',
  'research', 'center', 'centre', 'group', 'mobile',
]);

/** Endings that mark an organisation's legal form or kind. */
export const organisationSuffixes: ReadonlySet<string> = new Set(['ag', 'gmbh', 'inc', 'ltd', 'llc', 'co', 'corp', 'corporation', 'spa', 'srl', 'sa', 'sas', 'plc', 'group', 'holding', 'technologies']);
