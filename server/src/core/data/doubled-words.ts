/**
 * Words that may legitimately stand twice in a row, per language (lower case): "die die Regeln kennen",
 * "he had had enough", "nous nous sommes". Kept as data so a curator can extend it without touching the rule.
 * A language listed with no words has no legitimate doubles; for an unknown language all lists apply.
 */
export const legitimateDoubles: Record<string, readonly string[]> = {
  de: ['die', 'der', 'das', 'dem', 'den', 'sie'],
  en: ['had', 'that'],
  fr: ['nous', 'vous'],
  it: [],
  es: [],
};
