// Parsing a CloudTrail Lake statement (SEMANTICS.md §10.1 steps 2-3) with dt-sql-parser's ANTLR
// grammar of Trino, the dialect CloudTrail Lake documents ("all valid Trino SQL SELECT
// statements"). Errors are InvalidQueryStatementException with Trino's `line L:C: ` prefix, in
// the statement as the caller wrote it.
import {
  BailErrorStrategy,
  BaseErrorListener,
  CharStreams,
  CommonTokenStream,
  DefaultErrorStrategy,
  FailedPredicateException,
  NoViableAltException,
  ParseCancellationException,
  PredictionMode,
  type ATNSimulator,
  type IntervalSet,
  type ParserRuleContext,
  type RecognitionException,
  type Recognizer,
  type Token,
} from 'antlr4ng';
import { TrinoSqlLexer } from 'dt-sql-parser/dist/lib/trino/TrinoSqlLexer';
import {
  StatementDefaultContext,
  TrinoSqlParser,
  type ProgramContext,
  type QueryContext,
} from 'dt-sql-parser/dist/lib/trino/TrinoSqlParser';
import { InvalidQueryStatementException } from '../../../errors';

/** The statement as the parser saw it, and how its offsets map back to what the caller wrote. */
export class LakeSource {
  private readonly lineStarts: number[] = [0];

  constructor(
    /** The caller's statement. */
    readonly original: string,
    /** The statement the parser read: the original with store references quoted. */
    readonly text: string,
    /** Offsets, in `text`, of the quote characters the pre-scan inserted, ascending. */
    private readonly inserted: readonly number[],
  ) {
    for (let i = 0; i < original.length; i++) if (original[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** The offset in the original statement of an offset in the parsed text. */
  originalOffset(offset: number): number {
    let shift = 0;
    for (const at of this.inserted) {
      if (at >= offset) break;
      shift++;
    }
    return offset - shift;
  }

  /** `line L:C: ` (1-based line and column, as Trino writes them) of an offset in the parsed text. */
  prefix(offset: number): string {
    const at = this.originalOffset(offset);
    let line = 0;
    while (line + 1 < this.lineStarts.length && (this.lineStarts[line + 1] ?? Infinity) <= at) line++;
    return `line ${String(line + 1)}:${String(at - (this.lineStarts[line] ?? 0) + 1)}: `;
  }

  /** `line L:C: ` of a token or of the first token of a parse-tree node. */
  prefixOf(node: ParserRuleContext | Token | null): string {
    if (node === null) return this.prefix(this.text.length);
    const token = 'tokenIndex' in node ? node : node.start;
    return this.prefix(token?.start ?? this.text.length);
  }

  /** An InvalidQueryStatementException located at a node or token. */
  error(node: ParserRuleContext | Token | null, message: string): InstanceType<typeof InvalidQueryStatementException> {
    return new InvalidQueryStatementException(`${this.prefixOf(node)}${message}`);
  }
}

/** A parsed statement: one SELECT query. */
export interface ParsedLakeSql {
  readonly source: LakeSource;
  readonly query: QueryContext;
  readonly parser: TrinoSqlParser;
}

const RUN = /[A-Za-z0-9:/._-]/;
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that can follow FROM, JOIN, TABLE or a comma in a FROM list without naming a table. */
const NOT_A_TABLE = new Set(['select', 'with', 'values', 'table', 'lateral', 'unnest', 'json_table']);
/** Words that end a FROM list at their nesting level. */
const END_OF_FROM = new Set([
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'fetch',
  'window',
  'union',
  'intersect',
  'except',
]);

interface Frame {
  select: boolean;
  from: boolean;
}

/**
 * Quotes every store reference written unquoted in table position (§10.1 item 3: there a run of
 * `[A-Za-z0-9:/._-]` is one token, so hyphenated IDs and ARNs need no quotes), so that Trino's
 * grammar reads it as one identifier. Backquoted references become double-quoted. A table position
 * is what follows FROM, JOIN or a comma of a FROM list at the nesting level of a SELECT, or the
 * query `TABLE t`; FROM in `IS DISTINCT FROM` or `extract(x FROM y)` is not one.
 */
export function quoteTableReferences(statement: string): { text: string; inserted: number[] } {
  const frames: Frame[] = [{ select: false, from: false }];
  let out = '';
  const inserted: number[] = [];
  let expectTable = false;
  let previousWord = '';
  let i = 0;
  const n = statement.length;
  const frame = (): Frame => frames[frames.length - 1] ?? { select: false, from: false };
  const copyUntil = (end: number) => {
    out += statement.slice(i, end);
    i = end;
  };
  while (i < n) {
    const c = statement[i] ?? '';
    const next = statement[i + 1] ?? '';
    if (/\s/.test(c)) {
      copyUntil(i + 1);
      continue;
    }
    if (c === '-' && next === '-') {
      const end = statement.indexOf('\n', i);
      copyUntil(end < 0 ? n : end + 1);
      continue;
    }
    if (c === '/' && next === '*') {
      const end = statement.indexOf('*/', i + 2);
      copyUntil(end < 0 ? n : end + 2);
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let end = i + 1;
      for (;;) {
        const close = statement.indexOf(c, end);
        if (close < 0) {
          end = n;
          break;
        }
        if (statement[close + 1] === c) {
          end = close + 2;
          continue;
        }
        end = close + 1;
        break;
      }
      if (c === '`' && expectTable && end <= n && statement[end - 1] === '`') {
        // A backquoted store reference: Trino only knows double quotes.
        const inner = statement.slice(i + 1, end - 1).replaceAll('``', '`');
        out += `"${inner.replaceAll('"', '""')}"`;
        i = end;
      } else copyUntil(end);
      expectTable = false;
      previousWord = '';
      continue;
    }
    if (expectTable && RUN.test(c)) {
      let end = i;
      while (end < n && RUN.test(statement[end] ?? '') && !statement.startsWith('--', end)) end++;
      const run = statement.slice(i, end);
      expectTable = false;
      if (NOT_A_TABLE.has(run.toLowerCase()) || PLAIN_IDENTIFIER.test(run)) {
        // A keyword or an identifier: the grammar reads it as it is (a plain name is still a
        // store reference, or a WITH query's name).
        previousWord = run.toLowerCase();
        if (previousWord === 'select') Object.assign(frame(), { select: true, from: false });
        copyUntil(end);
        continue;
      }
      inserted.push(out.length);
      out += '"';
      copyUntil(end);
      inserted.push(out.length);
      out += '"';
      previousWord = '';
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let end = i;
      while (end < n && /[A-Za-z0-9_]/.test(statement[end] ?? '')) end++;
      const word = statement.slice(i, end).toLowerCase();
      const current = frame();
      if (word === 'select') Object.assign(current, { select: true, from: false });
      else if (word === 'from' && current.select && previousWord !== 'distinct') {
        current.from = true;
        expectTable = true;
      } else if ((word === 'join' && current.from) || word === 'table') expectTable = true;
      else if (END_OF_FROM.has(word)) current.from = false;
      previousWord = word;
      copyUntil(end);
      continue;
    }
    if (c === '(') {
      frames.push({ select: false, from: expectTable });
      // A parenthesised relation starts with a table; a sub-query starts with SELECT.
      copyUntil(i + 1);
      previousWord = '';
      continue;
    }
    if (c === ')') {
      if (frames.length > 1) frames.pop();
      expectTable = false;
    } else if (c === ',' && frame().from) {
      copyUntil(i + 1);
      expectTable = true;
      previousWord = '';
      continue;
    } else expectTable = false;
    previousWord = '';
    copyUntil(i + 1);
  }
  return { text: out, inserted };
}

interface SyntaxIssue {
  token: Token | null;
  expected: IntervalSet | null;
  /** The grammar wanted an expression (it failed on its empty-column alternative). */
  expression?: boolean;
}

class FirstSyntaxError extends BaseErrorListener {
  issue: SyntaxIssue | undefined;

  override syntaxError<T extends ATNSimulator>(
    recognizer: Recognizer<T>,
    offendingSymbol: Token | null,
    _line: number,
    _column: number,
    _message: string,
    error: RecognitionException | null,
  ): void {
    if (this.issue) return;
    if (error instanceof FailedPredicateException) {
      this.issue = { token: offendingSymbol ?? error.offendingToken, expected: null, expression: true };
      return;
    }
    let expected: IntervalSet | null = null;
    // A prediction that failed past its first token knows no useful expectation at the
    // offending one (its set would be the alternatives' first tokens).
    if (error instanceof NoViableAltException && error.startToken !== error.offendingToken) {
      this.issue = { token: offendingSymbol ?? error.offendingToken, expected: null };
      return;
    }
    try {
      expected =
        error?.getExpectedTokens() ?? (recognizer instanceof TrinoSqlParser ? recognizer.getExpectedTokens() : null);
    } catch {
      // A state without a follow set has no expectation to show.
      expected = null;
    }
    this.issue = { token: offendingSymbol ?? error?.offendingToken ?? null, expected };
  }
}

interface FirstSets {
  identifier: Set<number>;
  expression: Set<number>;
  statement: Set<number>;
}

let firstSets: FirstSets | undefined;

/** Token types that can start an identifier, an expression and a statement, from the grammar's ATN. */
function grammarFirstSets(parser: TrinoSqlParser): FirstSets {
  if (!firstSets) {
    const atn = parser.atn;
    const first = (rule: number): Set<number> => {
      const start = atn.ruleToStartState[rule];
      return new Set(start ? atn.nextTokens(start).toArray() : []);
    };
    firstSets = {
      identifier: first(TrinoSqlParser.RULE_identifier),
      expression: first(TrinoSqlParser.RULE_expression),
      statement: first(TrinoSqlParser.RULE_statement),
    };
  }
  return firstSets;
}

/** Trino's wording: `mismatched input 'x'. Expecting: 'a', 'b', <expression>`. */
function describeSyntaxIssue(
  parser: TrinoSqlParser,
  tokens: CommonTokenStream,
  source: LakeSource,
  issue: SyntaxIssue,
): string {
  const token = issue.token;
  const shown =
    token === null || token.type === TrinoSqlParser.EOF
      ? '<EOF>'
      : source.original.slice(source.originalOffset(token.start), source.originalOffset(token.stop + 1));
  let message = `mismatched input '${shown.replaceAll('\n', '\\n')}'`;
  let expected = issue.expected?.toArray() ?? [];
  const sets = grammarFirstSets(parser);
  // The grammar's optional empty column reference (kept for editors' completion) makes ANTLR's
  // expectations the union of everything that may follow; the cases below are what they mean.
  if (issue.expression || (expected.includes(TrinoSqlParser.STRING) && expected.includes(TrinoSqlParser.INTEGER_VALUE)))
    return `${message}. Expecting: <expression>`;
  if (expected.includes(TrinoSqlParser.KW_ALTER) && expected.some((type) => sets.statement.has(type))) {
    // After a complete statement only its end may follow.
    let previous = token === null ? tokens.size - 1 : token.tokenIndex - 1;
    while (previous > 0 && tokens.get(previous).channel !== 0) previous--;
    const afterSemicolon = previous >= 0 && tokens.get(previous).type === TrinoSqlParser.SEMICOLON;
    expected = afterSemicolon ? [TrinoSqlParser.EOF] : [TrinoSqlParser.SEMICOLON, TrinoSqlParser.EOF];
  }
  if (expected.length > 0) {
    const names = new Set<string>();
    const identifier = expected.includes(TrinoSqlParser.IDENTIFIER);
    const vocabulary = parser.vocabulary;
    const tail: string[] = [];
    for (const type of expected) {
      if (identifier && sets.identifier.has(type)) tail.push('<identifier>');
      else if (type === TrinoSqlParser.EOF) tail.push('<EOF>');
      else if (type === TrinoSqlParser.NEQ) names.add("'<>'");
      else names.add(vocabulary.getLiteralName(type) ?? `<${(vocabulary.getSymbolicName(type) ?? '?').toLowerCase()}>`);
    }
    const list = [...[...names].sort(), ...new Set(tail)];
    message += `. Expecting: ${list.join(', ')}`;
  }
  return message;
}

/**
 * Parses one CloudTrail Lake statement: exactly one SELECT query (set operations, WITH and
 * sub-queries included), one trailing `;` tolerated. Anything else, and every syntax error, is
 * InvalidQueryStatementException with its line and column.
 */
export function parseLakeSql(statement: string): ParsedLakeSql {
  const { text, inserted } = quoteTableReferences(statement);
  const source = new LakeSource(statement, text, inserted);
  const tokens = new CommonTokenStream(new TrinoSqlLexer(CharStreams.fromString(text)));
  const parser = new TrinoSqlParser(tokens);
  parser.removeErrorListeners();
  // Fast path: SLL prediction, stopping at the first error; only a failure pays for full LL.
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  let program: ProgramContext;
  try {
    program = parser.program();
  } catch (error) {
    if (!(error instanceof ParseCancellationException)) throw error;
    tokens.seek(0);
    parser.reset();
    parser.interpreter.predictionMode = PredictionMode.LL;
    parser.errorHandler = new DefaultErrorStrategy();
    const listener = new FirstSyntaxError();
    parser.addErrorListener(listener);
    program = parser.program();
    if (listener.issue)
      throw new InvalidQueryStatementException(
        `${source.prefixOf(listener.issue.token)}${describeSyntaxIssue(parser, tokens, source, listener.issue)}`,
      );
  }
  const statements = program.statements();
  const first = statements[0]?.singleStatement();
  if (!first) {
    const eof = tokens.get(tokens.size - 1);
    throw source.error(eof, `mismatched input '<EOF>'. Expecting: '(', 'SELECT', 'TABLE', 'VALUES', 'WITH'`);
  }
  const second = statements[1];
  if (second) {
    // Without a `;` between them, Trino reads the second statement as unexpected input.
    if (!first.SEMICOLON())
      throw source.error(second, `mismatched input '${second.start?.text ?? ''}'. Expecting: <EOF>`);
    throw source.error(second, 'Only one statement is allowed per query');
  }
  const kind = first.statement();
  if (!(kind instanceof StatementDefaultContext)) throw source.error(kind, 'Only SELECT statements are allowed');
  const root = kind.rootQuery();
  const inlineFunctions = root.withFunction();
  if (inlineFunctions)
    throw source.error(inlineFunctions, 'Only SELECT statements are allowed: inline functions are not');
  return { source, query: root.query(), parser };
}
