/**
 * The Japanese kernel: pure parsers and formatters for the conventions of Japanese local-government
 * documents (和暦 and 年度, item numbering, quantities, tiers, codes). No I/O. Every parser returns a
 * Result and never throws; reasons are in Japanese, for clerks.
 */
export {
  corporateCheckDigit,
  corporateNumberOfLocalGov,
  validateCorporateNumber,
} from "./corporate-number.js";
export {
  daysInMonth,
  fiscalYearOfDate,
  fiscalYearRange,
  formatJapaneseDate,
  formatJapaneseMonth,
  parseJapaneseDate,
  parseJapaneseMonth,
  todayInJapan,
  toIsoDate,
  type YearMonth,
} from "./date.js";
export {
  ERAS,
  type Era,
  type EraName,
  eraOfDate,
  eraYear,
  findEra,
  lastDayOfEra,
  lastEraYear,
  westernYear,
} from "./era.js";
export {
  type EraRule,
  fiscalYearEra,
  formatFiscalYear,
  MAX_YEAR,
  MIN_YEAR,
  parseFiscalYear,
  parseYearHeaders,
  type YearContext,
  type YearFormatOptions,
  type YearStyle,
} from "./fiscal-year.js";
export {
  AIUEO,
  compareKana,
  detectKanaOrder,
  IROHA,
  type KanaOrder,
  kanaIndex,
  kanaOrderKey,
} from "./kana.js";
export { type LocalGovCode, localGovCheckDigit, validateLocalGovCode } from "./local-gov-code.js";
export {
  compareNumbering,
  type Numbering,
  type NumberingKind,
  type NumberingOptions,
  numberingComparator,
  parseNumbering,
  splitLeadingNumbering,
} from "./numbering.js";
export {
  formatQuantity,
  PREFIX_QUALIFIERS,
  parseQuantity,
  type Quantity,
  SUFFIX_QUALIFIERS,
} from "./quantity.js";
export { err, ok, type Result } from "./result.js";
export { despacePdfText, matchKey, normalizeForSearch } from "./text.js";
export { formatTierLabel, parseTierLabel, type TierLabel } from "./tier.js";
