// Trino's functions (SEMANTICS.md §10.5) with Trino's semantics, defined in DuckDB as macros over
// built-ins and as JavaScript UDFs. The translator renames a call of `name` to `trino_<name>`.
// Every engine runs the same definitions, so the answers do not depend on the engine. No json
// or icu function is ever called: duckdb-wasm has neither extension.
import type { LakeEngine } from '../../../lake-engine/engine';
import { utcOffsetMinutes } from './utc-offset';
import {
  isJsonScalar,
  jsonArrayContains,
  jsonArrayGet,
  jsonArrayLength,
  jsonExtract,
  jsonExtractScalar,
  jsonParse,
  trinoDoubleText,
} from './trino-json';

/** The Trino functions defined here, each as `trino_<name>` in DuckDB. */
export const TRINO_FUNCTIONS = [
  'element_at',
  'cardinality',
  'date_add',
  'date_diff',
  'date_format',
  'day_of_week',
  'dow',
  'day_of_month',
  'day_of_year',
  'doy',
  'week_of_year',
  'week',
  'year_of_week',
  'yow',
  'millisecond',
  'approx_distinct',
  'regexp_like',
  'from_iso8601_timestamp',
  'array_distinct',
  'array_max',
  'array_min',
  'slice',
  'json_extract_scalar',
  'json_extract',
  'json_parse',
  'json_format',
  'json_array_length',
  'json_array_get',
  'json_array_contains',
  'is_json_scalar',
] as const;

export type TrinoFunction = (typeof TRINO_FUNCTIONS)[number];

/**
 * DuckDB cannot take the length of a list and of a map in one macro (each built-in rejects the
 * other type while binding), so `trino_cardinality` serves arrays and this one serves maps; the
 * translator picks by the argument's type.
 */
export const TRINO_MAP_CARDINALITY = 'trino_map_cardinality';

/** The JavaScript UDF that writes a DOUBLE's text (DuckDB's) as Trino writes it. */
export const DOUBLE_TEXT_UDF = 'lake_double_text';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** ISO 8601 week-numbering year and week of a UTC date. */
function isoWeek(date: Date): { year: number; week: number } {
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return { year, week };
}

/**
 * Trino's date_format: MySQL format specifiers over a UTC timestamp given in epoch microseconds.
 * The specifiers Trino rejects fail the query as in Trino; any other `%x` is `x`.
 */
export function mysqlDateFormat(epochMicros: string | null, format: string | null): string | null {
  if (epochMicros === null || format === null) return null;
  const micros = Number(epochMicros);
  const millis = Math.floor(micros / 1000);
  const date = new Date(millis);
  const microsOfSecond = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  const hour = date.getUTCHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const ampm = hour < 12 ? 'AM' : 'PM';
  const dayOfYear = Math.floor((millis - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const time24 = `${pad(hour, 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  let out = '';
  for (let index = 0; index < format.length; index++) {
    const char = format[index] ?? '';
    if (char !== '%' || index === format.length - 1) {
      out += char;
      continue;
    }
    const spec = format[++index] ?? '';
    switch (spec) {
      case 'a':
        out += (WEEKDAYS[date.getUTCDay()] ?? '').slice(0, 3);
        break;
      case 'b':
        out += (MONTHS[date.getUTCMonth()] ?? '').slice(0, 3);
        break;
      case 'c':
        out += String(date.getUTCMonth() + 1);
        break;
      case 'd':
        out += pad(date.getUTCDate(), 2);
        break;
      case 'e':
        out += String(date.getUTCDate());
        break;
      case 'f':
        out += pad(microsOfSecond, 6);
        break;
      case 'H':
        out += pad(hour, 2);
        break;
      case 'h':
      case 'I':
        out += pad(hour12, 2);
        break;
      case 'i':
        out += pad(date.getUTCMinutes(), 2);
        break;
      case 'j':
        out += pad(dayOfYear, 3);
        break;
      case 'k':
        out += String(hour);
        break;
      case 'l':
        out += String(hour12);
        break;
      case 'M':
        out += MONTHS[date.getUTCMonth()] ?? '';
        break;
      case 'm':
        out += pad(date.getUTCMonth() + 1, 2);
        break;
      case 'p':
        out += ampm;
        break;
      case 'r':
        out += `${pad(hour12, 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)} ${ampm}`;
        break;
      case 'S':
      case 's':
        out += pad(date.getUTCSeconds(), 2);
        break;
      case 'T':
        out += time24;
        break;
      case 'v':
        out += pad(isoWeek(date).week, 2);
        break;
      case 'W':
        out += WEEKDAYS[date.getUTCDay()] ?? '';
        break;
      case 'x':
        out += pad(isoWeek(date).year, 4);
        break;
      case 'Y':
        out += pad(date.getUTCFullYear(), 4);
        break;
      case 'y':
        out += pad(date.getUTCFullYear() % 100, 2);
        break;
      case 'D':
      case 'U':
      case 'u':
      case 'V':
      case 'w':
      case 'X':
        throw new Error(`%${spec} not supported in date format string`);
      default:
        out += spec;
    }
  }
  return out;
}

const ISO_8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Trino's from_iso8601_timestamp: an ISO 8601 date-time (date alone, partial times, `.` or `,`
 * fractions, an offset or `Z`, else UTC) as epoch microseconds, truncated to milliseconds as
 * Trino's timestamp(3) is. Text that is not ISO 8601 fails as in Trino.
 */
export function iso8601EpochMicros(text: string | null): string | null {
  if (text === null) return null;
  const match = ISO_8601.exec(text.trim());
  const invalid = () => new Error(`Invalid format: "${text}"`);
  if (!match) throw invalid();
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  const check = new Date(local);
  if (
    mo < 1 ||
    mo > 12 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59 ||
    check.getUTCFullYear() !== y % 10000
  )
    throw invalid();
  return String((local - utcOffsetMinutes(zone) * 60_000) * 1000);
}

/** The JavaScript UDFs behind the macros, by DuckDB name. */
const UDFS: readonly [string, number, (...args: (string | null)[]) => string | null][] = [
  ['lake_json_extract_scalar', 2, jsonExtractScalar],
  ['lake_json_extract', 2, jsonExtract],
  ['lake_json_parse', 1, jsonParse],
  ['lake_json_array_length', 1, jsonArrayLength],
  ['lake_json_array_get', 2, jsonArrayGet],
  ['lake_json_array_contains', 3, jsonArrayContains],
  ['lake_is_json_scalar', 1, isJsonScalar],
  ['lake_date_format', 2, mysqlDateFormat],
  ['lake_from_iso8601', 1, iso8601EpochMicros],
  [DOUBLE_TEXT_UDF, 1, (text) => (text === null ? null : trinoDoubleText(text))],
];

const TEXT = (name: string) => `CAST(${name} AS VARCHAR)`;
// Macro parameters and lambda variables are named so that no column of a Lake table is captured.
const UNITS = "('millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year')";
const SLICE_FROM = '(CASE WHEN s_ > 0 THEN s_ - 1 ELSE len(a_) + s_ END)';

/** The macros, by DuckDB name: `name(parameters) AS body`. */
const MACROS: readonly string[] = [
  // A map by key (NULL when missing); an array by 1-based position, negative from the end, NULL
  // past either end, and 0 an error, as in Trino. DuckDB's own element_at returns a list for maps.
  `trino_element_at(c_, k_) AS CASE WHEN typeof(c_) LIKE '%[]' AND CAST(k_ AS VARCHAR) = '0'
     THEN error('SQL array indices start at 1') ELSE c_[k_] END`,
  `trino_cardinality(a_) AS len(a_)`,
  `${TRINO_MAP_CARDINALITY}(m_) AS len(map_keys(m_))`,
  `trino_date_add(u_, n_, t_) AS t_ + CASE lower(u_)
     WHEN 'millisecond' THEN to_milliseconds(CAST(n_ AS DOUBLE))
     WHEN 'second' THEN to_seconds(CAST(n_ AS DOUBLE))
     WHEN 'minute' THEN to_minutes(CAST(n_ AS BIGINT))
     WHEN 'hour' THEN to_hours(CAST(n_ AS BIGINT))
     WHEN 'day' THEN to_days(CAST(n_ AS INTEGER))
     WHEN 'week' THEN to_weeks(CAST(n_ AS INTEGER))
     WHEN 'month' THEN to_months(CAST(n_ AS INTEGER))
     WHEN 'quarter' THEN to_months(CAST(n_ AS INTEGER) * 3)
     WHEN 'year' THEN to_years(CAST(n_ AS INTEGER))
     ELSE error('''' || u_ || ''' is not a valid TIMESTAMP field') END`,
  // Whole units from a_ to b_, as Trino counts them (DuckDB's date_sub, not date_diff).
  `trino_date_diff(u_, a_, b_) AS CASE WHEN lower(u_) IN ${UNITS}
     THEN date_sub(lower(u_), CAST(a_ AS TIMESTAMP), CAST(b_ AS TIMESTAMP))
     ELSE error('''' || u_ || ''' is not a valid TIMESTAMP field') END`,
  `trino_date_format(t_, f_) AS lake_date_format(CAST(epoch_us(CAST(t_ AS TIMESTAMP)) AS VARCHAR), ${TEXT('f_')})`,
  `trino_day_of_week(t_) AS isodow(t_)`,
  `trino_dow(t_) AS isodow(t_)`,
  `trino_day_of_month(t_) AS dayofmonth(t_)`,
  `trino_day_of_year(t_) AS dayofyear(t_)`,
  `trino_doy(t_) AS dayofyear(t_)`,
  `trino_week_of_year(t_) AS weekofyear(t_)`,
  `trino_week(t_) AS weekofyear(t_)`,
  `trino_year_of_week(t_) AS isoyear(t_)`,
  `trino_yow(t_) AS isoyear(t_)`,
  `trino_millisecond(t_) AS millisecond(t_) % 1000`,
  // Exact, hence deterministic; Trino's optional maximum standard error is accepted and unused.
  `trino_approx_distinct(x_) AS count(DISTINCT x_), (x_, e_) AS count(DISTINCT x_)`,
  `trino_regexp_like(s_, p_) AS regexp_matches(s_, p_)`,
  `trino_from_iso8601_timestamp(s_) AS make_timestamp(CAST(lake_from_iso8601(${TEXT('s_')}) AS BIGINT))`,
  // First occurrences in order, NULL included once (DuckDB's list_distinct sorts and drops NULL).
  `trino_array_distinct(a_) AS list_filter(a_, lambda lake_e__, lake_i__: list_position(a_, lake_e__) = lake_i__)`,
  // NULL when any element is NULL, as in Trino.
  `trino_array_max(a_) AS CASE WHEN list_count(a_) < len(a_) THEN NULL ELSE list_max(a_) END`,
  `trino_array_min(a_) AS CASE WHEN list_count(a_) < len(a_) THEN NULL ELSE list_min(a_) END`,
  // slice(array, start, length): start 1-based or negative from the end, 0 an error.
  `trino_slice(a_, s_, n_) AS CASE
     WHEN s_ = 0 THEN error('SQL array indices start at 1')
     WHEN n_ < 0 THEN error('length must be greater than or equal to 0')
     WHEN ${SLICE_FROM} < 0 THEN list_slice(a_, 1, 0)
     ELSE list_slice(a_, ${SLICE_FROM} + 1, least(${SLICE_FROM} + n_, len(a_))) END`,
  `trino_json_extract_scalar(j_, p_) AS lake_json_extract_scalar(${TEXT('j_')}, ${TEXT('p_')})`,
  `trino_json_extract(j_, p_) AS lake_json_extract(${TEXT('j_')}, ${TEXT('p_')})`,
  `trino_json_parse(j_) AS lake_json_parse(${TEXT('j_')})`,
  // JSON is text here, already in the form Trino would show.
  `trino_json_format(j_) AS ${TEXT('j_')}`,
  `trino_json_array_length(j_) AS CAST(lake_json_array_length(${TEXT('j_')}) AS BIGINT)`,
  `trino_json_array_get(j_, i_) AS lake_json_array_get(${TEXT('j_')}, ${TEXT('i_')})`,
  `trino_json_array_contains(j_, v_) AS CAST(lake_json_array_contains(${TEXT('j_')}, ${TEXT('v_')}, typeof(v_)) AS BOOLEAN)`,
  `trino_is_json_scalar(j_) AS CAST(lake_is_json_scalar(${TEXT('j_')}) AS BOOLEAN)`,
];

/** Defines the Trino functions (and the UDFs they use) in the engine's database. */
export async function registerTrinoFunctions(engine: LakeEngine): Promise<void> {
  for (const [name, argCount, fn] of UDFS) await engine.registerStringUdf(name, argCount, fn);
  await engine.exec(MACROS.map((macro) => `CREATE MACRO ${macro};`).join('\n'));
}
