import type { Rule } from '../rule';
import utf8Encoding from './utf8-encoding';
import bom from './bom';
import lineEndings from './line-endings';
import unicodeNfc from './unicode-nfc';
import controlCharacters from './control-characters';
import noTabs from './no-tabs';
import articleTooLarge from './article-too-large';
import fileName from './file-name';
import uniqueFileId from './unique-file-id';
import headerUnclosed from './header-unclosed';
import headerSyntax from './header-syntax';
import headerUnknownKey from './header-unknown-key';
import headerDuplicateKey from './header-duplicate-key';
import headerInvalidValue from './header-invalid-value';
import titleMissing from './title-missing';
import titleSeparation from './title-separation';
import paragraphSeparation from './paragraph-separation';
import blankLines from './blank-lines';
import whitespaceOnlyLine from './whitespace-only-line';
import trailingWhitespace from './trailing-whitespace';
import leadingWhitespace from './leading-whitespace';
import multipleSpaces from './multiple-spaces';
import webResidue from './web-residue';
import dateline from './dateline';
import doubledWord from './doubled-word';
import quoteBalance from './quote-balance';
import quoteStyle from './quote-style';
import bracketBalance from './bracket-balance';
import bracketSpacing from './bracket-spacing';
import langMissing from './lang-missing';
import langTagInvalid from './lang-tag-invalid';
import langTagCanonical from './lang-tag-canonical';
import langMismatch from './lang-mismatch';
import paragraphLanguage from './paragraph-language';
import entityCase from './entity-case';
import entityMisspelling from './entity-misspelling';
import entityUnknown from './entity-unknown';
import timelineAnchor from './timeline-anchor';

/** Every rule, in the order of the docs: encoding, file, header, structure, whitespace, content, typography, language, entities, timeline. */
export const rules: readonly Rule[] = [
  utf8Encoding,
  bom,
  lineEndings,
  unicodeNfc,
  controlCharacters,
  noTabs,
  articleTooLarge,
  fileName,
  uniqueFileId,
  headerUnclosed,
  headerSyntax,
  headerUnknownKey,
  headerDuplicateKey,
  headerInvalidValue,
  titleMissing,
  titleSeparation,
  paragraphSeparation,
  blankLines,
  whitespaceOnlyLine,
  trailingWhitespace,
  leadingWhitespace,
  multipleSpaces,
  webResidue,
  dateline,
  doubledWord,
  quoteBalance,
  quoteStyle,
  bracketBalance,
  bracketSpacing,
  langMissing,
  langTagInvalid,
  langTagCanonical,
  langMismatch,
  paragraphLanguage,
  entityMisspelling,
  entityCase,
  entityUnknown,
  timelineAnchor,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
