// CloudTrail Lake SQL (Trino dialect, SEMANTICS.md §10.5) to DuckDB SQL, printed from Trino's parse
// tree node by node: every construct is either translated on purpose or refused, so nothing the
// caller writes reaches the engine unvetted. Besides the SQL it yields what the query layer needs:
// the EventsMatched count per set-operation branch (§10.2), the eventTime range each store is read
// in (§10.2 scan set) and, for valid statements that Trino would reject later, the FAILED
// ErrorMessage (§10.1 item 6).
import type { ParserRuleContext } from 'antlr4ng';
import * as T from 'dt-sql-parser/dist/lib/trino/TrinoSqlParser';
import { InvalidQueryStatementException } from '../../../errors';
import { FORBIDDEN_FUNCTION, lakeFunction } from './lake-functions';
import { TRINO_MAP_CARDINALITY } from '../lake/trino-functions';
import {
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  BIGINT,
  JSON_TYPE,
  LAKE_SCHEMAS,
  OPEN_SCHEMAS,
  TIMESTAMP,
  UNKNOWN,
  VARCHAR,
  comparable,
  isNumeric,
  typeName,
  type LakeType,
  type StoreKind,
} from './lake-types';
import { parseLakeSql, type LakeSource, type ParsedLakeSql } from './parse-lake-sql';
import { clockText, parseDateText, parseTimestampText } from './timestamp-text';

export type { StoreKind } from './lake-types';

export interface TranslateOptions {
  /**
   * Resolves a store reference as written (ID or ARN, quotes removed) to its DuckDB table name and
   * kind; throws the model's error (EventDataStoreARNInvalidException,
   * EventDataStoreNotFoundException, InactiveEventDataStoreException) itself.
   */
  resolveStore(reference: string): { table: string; kind: StoreKind };
  /** The emulator clock, epoch ms: current_timestamp and now() become this TIMESTAMP literal. */
  now: number;
}

export interface ScanBound {
  /** A DuckDB constant expression of type TIMESTAMP. */
  sql: string;
  inclusive: boolean;
}

export interface TranslatedQuery {
  /** DuckDB SQL whose output column names are exactly the §10.3 result keys. */
  sql: string;
  /** One `SELECT count(*) FROM <from> WHERE <where>` per set-operation branch (EventsMatched, §10.2). */
  matchedSql: string[];
  /**
   * Per distinct store table read: the eventTime bounds the WHERE clauses put on it (§10.2); without
   * bounds when `failure` is set.
   */
  scans: { table: string; lower?: ScanBound; upper?: ScanBound }[];
  /** Set when the statement is valid but ends FAILED (unknown function, type mismatch): the ErrorMessage. */
  failure?: string;
}

/** Statements whose parse is remembered (see parsedStatement). */
const PARSED_STATEMENTS = 32;
const parsedStatements = new Map<string, ParsedLakeSql>();

/**
 * The parse of a statement, remembered for the last few texts: parsing takes several milliseconds
 * (a grammar of the whole of Trino), and the same statements come back (a dashboard's refresh, a
 * query run again). The translator only reads a parse tree, and a statement that fails to parse
 * is parsed again each time.
 */
function parsedStatement(statement: string): ParsedLakeSql {
  const known = parsedStatements.get(statement);
  if (known) {
    parsedStatements.delete(statement);
    parsedStatements.set(statement, known);
    return known;
  }
  const parsed = parseLakeSql(statement);
  if (parsedStatements.size >= PARSED_STATEMENTS) {
    const oldest = parsedStatements.keys().next();
    if (!oldest.done) parsedStatements.delete(oldest.value);
  }
  parsedStatements.set(statement, parsed);
  return parsed;
}

/** Translates one Lake statement; syntax errors and refused statements throw InvalidQueryStatementException. */
export function translateLakeQuery(statement: string, options: TranslateOptions): TranslatedQuery {
  const parsed = parsedStatement(statement);
  return new LakeTranslator(parsed.source, options).translate(parsed.query);
}

/** A DuckDB identifier: always quoted, since `user`, `key`, `value` and others are reserved there. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

interface Bound {
  readonly relation: Relation;
  readonly side: 'lower' | 'upper';
  readonly sql: string;
  readonly inclusive: boolean;
}

/** One read of a store: its table and the bounds its query's WHERE puts on eventTime. */
interface StoreRead {
  readonly table: string;
  readonly lower: Bound[];
  readonly upper: Bound[];
}

interface Relation {
  /** Lower-case name that qualifies its columns; undefined for an unnamed sub-query. */
  readonly name: string | undefined;
  /** Lower-case column names and types; undefined when unknown. */
  readonly columns: ReadonlyMap<string, LakeType> | undefined;
  /** Columns beyond `columns` may exist. */
  readonly open: boolean;
  readonly store?: StoreRead;
  readonly unnest?: boolean;
}

interface Output {
  readonly name: string | undefined;
  readonly type: LakeType;
}

interface Cte {
  readonly name: string;
  readonly outputs: readonly Output[] | undefined;
}

/** What the innermost query specification has seen, for ordering decisions. */
interface SpecState {
  aggregate: boolean;
}

class Scope {
  readonly relations: Relation[] = [];

  constructor(
    readonly parent: Scope | undefined,
    readonly spec: SpecState | undefined,
    readonly ctes: ReadonlyMap<string, Cte> = new Map(),
    readonly lambdas: ReadonlyMap<string, LakeType> = new Map(),
    /** Output names an ORDER BY may use before input columns. */
    readonly outputs: ReadonlyMap<string, LakeType> = new Map(),
  ) {}

  cte(name: string): Cte | undefined {
    return this.ctes.get(name) ?? this.parent?.cte(name);
  }

  nearestSpec(): SpecState | undefined {
    return this.spec ?? this.parent?.nearestSpec();
  }
}

interface Expr {
  readonly sql: string;
  readonly type: LakeType;
  /** Reads no column, sub-query or aggregate: the engine can evaluate it on its own. */
  readonly constant: boolean;
  /** A top-level column of a relation in scope. */
  readonly column?: { readonly relation: Relation; readonly name: string };
  /** The value of a string literal. */
  readonly text?: string;
  /** eventTime bounds, when the expression is a conjunction holding comparisons. */
  readonly bounds?: readonly Bound[];
}

interface SpecResult {
  readonly sql: string;
  readonly outputs: readonly Output[] | undefined;
  /** Number of output columns when the select list has no `*`. */
  readonly width: number | undefined;
  /** `SELECT count(*) FROM <from> WHERE <where>` of the branch. */
  readonly matched: string;
  /** A plain select over one store (no aggregation, DISTINCT or join): eventTime/eventID order applies. */
  readonly plainStore: string | undefined;
  /** Unique row keys (its stores' eventid columns) when it neither aggregates nor de-duplicates. */
  readonly tieBreakers: readonly string[];
  readonly scope: Scope;
}

interface TermResult {
  readonly sql: string;
  readonly outputs: readonly Output[] | undefined;
  readonly width: number | undefined;
  readonly branches: string[];
  /** Set when the term is a single query specification. */
  readonly single: SpecResult | undefined;
}

const CLOCK_FUNCTIONS = new Set(['now']);
const NON_DETERMINISTIC = new Set(['rand', 'random', 'uuid', 'shuffle']);
const UTC_ZONES = new Set(['utc', 'z', 'gmt', '+00:00', 'etc/utc', 'zulu', 'universal']);

class LakeTranslator {
  private failure: string | undefined;
  private readonly reads: StoreRead[] = [];
  private readonly resolved = new Map<string, { table: string; kind: StoreKind }>();
  private readonly clock: string;

  constructor(
    private readonly source: LakeSource,
    private readonly options: TranslateOptions,
  ) {
    this.clock = clockText(options.now);
  }

  translate(query: T.QueryContext): TranslatedQuery {
    const top = this.query(query, new Scope(undefined, undefined), true);
    if (this.reads.length === 0) throw this.source.error(query, 'A query must read at least one event data store');
    if (this.failure !== undefined)
      // A query that ends FAILED scans nothing; its bounds may not even evaluate.
      return {
        sql: top.sql,
        matchedSql: top.branches,
        scans: [...new Set(this.reads.map((read) => read.table))].map((table) => ({ table })),
        failure: this.failure,
      };
    return { sql: top.sql, matchedSql: top.branches, scans: this.scans() };
  }

  // ---- diagnostics ----------------------------------------------------------------------------

  /** Records the first semantic error (the query will end FAILED with it). */
  private fail(at: ParserRuleContext, message: string): void {
    this.failure ??= `${this.source.prefixOf(at)}${message}`;
  }

  private unsupported(at: ParserRuleContext, what: string): Expr {
    this.fail(at, `${what} is not supported by the emulator`);
    return { sql: 'NULL', type: UNKNOWN, constant: true };
  }

  private refuse(at: ParserRuleContext, message: string): InstanceType<typeof InvalidQueryStatementException> {
    return this.source.error(at, message);
  }

  // ---- identifiers ------------------------------------------------------------------------------

  /** An identifier's value as written (quotes removed); Trino compares them case-insensitively. */
  private identifier(ctx: T.IdentifierContext): string {
    if (ctx instanceof T.QuotedIdentifierContext) return ctx.getText().slice(1, -1).replaceAll('""', '"');
    if (ctx instanceof T.BackQuotedIdentifierContext)
      throw this.refuse(ctx, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
    if (ctx instanceof T.DigitIdentifierContext)
      throw this.refuse(ctx, 'identifiers must not start with a digit; surround the identifier with double quotes');
    return ctx.getText();
  }

  // ---- queries ----------------------------------------------------------------------------------

  private query(ctx: T.QueryContext, outer: Scope, top: boolean): TermResult {
    if (!(ctx instanceof T.QueryStatementContext)) throw this.refuse(ctx, 'Unsupported query');
    const withCtx = ctx.with();
    let scope = outer;
    let withSql = '';
    if (withCtx) {
      const ctes = new Map<string, Cte>();
      scope = new Scope(outer, undefined, ctes);
      const parts: string[] = [];
      for (const named of withCtx.namedQuery()) {
        const name = this.identifier(named.identifier());
        const aliases = named
          .columnAliases()
          ?.identifier()
          .map((id) => this.identifier(id));
        const inner = this.query(named.query(), scope, false);
        const outputs = aliases
          ? aliases.map((alias, i) => ({ name: alias, type: inner.outputs?.[i]?.type ?? UNKNOWN }))
          : inner.outputs;
        ctes.set(name.toLowerCase(), { name, outputs });
        parts.push(`${quote(name)}${aliases ? `(${aliases.map(quote).join(', ')})` : ''} AS (${inner.sql})`);
      }
      withSql = `WITH ${withCtx.KW_RECURSIVE() ? 'RECURSIVE ' : ''}${parts.join(', ')} `;
    }
    const body = this.queryNoWith(ctx.queryNoWith(), scope, top);
    return {
      ...body,
      sql: `${withSql}${body.sql}`,
      branches: body.branches.map((branch) => `${withSql}${branch}`),
    };
  }

  private queryNoWith(ctx: T.QueryNoWithContext, scope: Scope, top: boolean): TermResult {
    const term = this.queryTerm(ctx.queryTerm(), scope);
    const sortItems = ctx.sortItem();
    const limited = ctx.KW_LIMIT() !== null || ctx.KW_OFFSET() !== null || ctx.KW_FETCH() !== null;
    const order: string[] = [];
    if (sortItems.length > 0) {
      const outputs = new Map<string, LakeType>();
      for (const output of term.outputs ?? [])
        if (output.name !== undefined) outputs.set(output.name.toLowerCase(), output.type);
      // ORDER BY sees output names first, then (for a single SELECT) its input columns.
      const base = term.single?.scope;
      const orderScope = base
        ? new Scope(base.parent, base.spec, new Map(), new Map(), outputs)
        : new Scope(scope, undefined, new Map(), new Map(), outputs);
      if (base) orderScope.relations.push(...base.relations);
      for (const item of sortItems) order.push(this.sortItem(item, orderScope));
      // Ties in a user's order are broken by every output column, so all engines agree.
      if (term.width !== undefined) for (let i = 1; i <= term.width; i++) order.push(String(i));
      else order.push(...(term.single?.tieBreakers ?? []));
    } else if (top || limited) {
      // §10.3: without ORDER BY, newest first; otherwise a deterministic order of the output.
      const plain = term.single?.plainStore;
      if (top && plain !== undefined) {
        order.push(`${plain}."eventtime" DESC NULLS LAST`, `${plain}."eventid" DESC NULLS LAST`);
        if (term.width !== undefined) for (let i = 1; i <= term.width; i++) order.push(String(i));
      } else order.push('ALL');
    }
    let sql = term.sql;
    if (order.length > 0) sql += ` ORDER BY ${order.join(', ')}`;
    sql += this.limitClause(ctx);
    return { ...term, sql };
  }

  private limitClause(ctx: T.QueryNoWithContext): string {
    let limit: string | undefined;
    const count = (row: T.RowCountContext | null): string | undefined => {
      if (!row) return undefined;
      if (row.QUESTION_MARK()) {
        this.fail(row, 'Incorrect number of parameters: expected 1 but found 0');
        return '0';
      }
      return BigInt((row.INTEGER_VALUE()?.getText() ?? '0').replaceAll('_', '')).toString();
    };
    if (ctx.KW_LIMIT()) {
      const rows = ctx.limitRowCount();
      if (rows && !rows.KW_ALL()) limit = count(rows.rowCount());
    } else if (ctx.KW_FETCH()) {
      if (ctx.KW_TIES()) this.fail(ctx, 'FETCH FIRST ... WITH TIES is not supported by the emulator');
      limit = count(ctx._fetchFirst ?? null) ?? '1';
    }
    const offset = ctx.KW_OFFSET() ? count(ctx._offset ?? null) : undefined;
    return `${limit === undefined ? '' : ` LIMIT ${limit}`}${offset === undefined ? '' : ` OFFSET ${offset}`}`;
  }

  private sortItem(ctx: T.SortItemContext, scope: Scope): string {
    const columnRef = ctx.columnRef();
    const expression = ctx.expression();
    const value = columnRef?.qualifiedName()
      ? this.columnName(columnRef.qualifiedName() ?? columnRef, scope, columnRef)
      : expression
        ? this.expression(expression, scope)
        : this.unsupported(ctx, 'This ORDER BY item');
    const direction = ctx.KW_DESC() ? ' DESC' : ' ASC';
    // Trino puts NULLs last in both directions unless told otherwise.
    const nulls = ctx.KW_FIRST() ? ' NULLS FIRST' : ' NULLS LAST';
    return `${value.sql}${direction}${nulls}`;
  }

  private queryTerm(ctx: T.QueryTermContext, scope: Scope): TermResult {
    if (ctx instanceof T.SetOperationContext) {
      const [leftCtx, rightCtx] = ctx.queryTerm();
      if (!leftCtx || !rightCtx) throw this.refuse(ctx, 'Incomplete set operation');
      const left = this.queryTerm(leftCtx, scope);
      const right = this.queryTerm(rightCtx, scope);
      const operator = ctx.KW_UNION() ? 'UNION' : ctx.KW_INTERSECT() ? 'INTERSECT' : 'EXCEPT';
      const all = ctx.setQuantifier()?.KW_ALL() ? ' ALL' : '';
      if (left.width !== undefined && right.width !== undefined && left.width !== right.width)
        this.fail(
          ctx,
          `${operator} query has different number of fields: ${String(left.width)}, ${String(right.width)}`,
        );
      return {
        sql: `${left.sql} ${operator}${all} ${right.sql}`,
        outputs: left.outputs,
        width: left.width,
        branches: [...left.branches, ...right.branches],
        single: undefined,
      };
    }
    if (!(ctx instanceof T.QueryTermDefaultContext)) throw this.refuse(ctx, 'Unsupported query');
    return this.queryPrimary(ctx.queryPrimary(), scope);
  }

  private queryPrimary(ctx: T.QueryPrimaryContext, scope: Scope): TermResult {
    if (ctx instanceof T.QueryPrimaryDefaultContext) {
      const spec = this.querySpecification(ctx.querySpecification(), scope);
      return { sql: spec.sql, outputs: spec.outputs, width: spec.width, branches: [spec.matched], single: spec };
    }
    if (ctx instanceof T.SubqueryContext) {
      const inner = this.queryNoWith(ctx.queryNoWith(), scope, false);
      return { ...inner, sql: `(${inner.sql})`, single: undefined };
    }
    if (ctx instanceof T.TableContext) {
      const specScope = new Scope(scope, { aggregate: false });
      const from = this.tableName(ctx.tableRef(), undefined, specScope, ctx);
      const relation = specScope.relations[0];
      const outputs = relation?.columns ? [...relation.columns].map(([name, type]) => ({ name, type })) : undefined;
      return {
        sql: `SELECT * FROM ${from}`,
        outputs,
        width: undefined,
        branches: [`SELECT count(*) FROM ${from}`],
        single: undefined,
      };
    }
    if (ctx instanceof T.InlineTableContext) {
      const rows = ctx.expression().map((row) => this.valuesRow(row, scope));
      const width = rows[0]?.length ?? 0;
      const names = Array.from({ length: width }, (_, i) => quote(`_col${String(i)}`));
      const sql = `SELECT * FROM (VALUES ${rows.map((row) => `(${row.map((e) => e.sql).join(', ')})`).join(', ')}) AS "_values"(${names.join(', ')})`;
      return {
        sql,
        outputs: rows[0]?.map((e, i) => ({ name: `_col${String(i)}`, type: e.type })),
        width,
        branches: [`SELECT ${String(rows.length)}`],
        single: undefined,
      };
    }
    throw this.refuse(ctx, 'Unsupported query');
  }

  private valuesRow(ctx: T.ExpressionContext, scope: Scope): Expr[] {
    const primary = this.primaryOf(ctx);
    if (primary instanceof T.RowConstructorContext)
      return primary.expression().map((expression) => this.expression(expression, scope));
    return [this.expression(ctx, scope)];
  }

  /** The primary expression an expression consists of, if it is nothing more. */
  private primaryOf(ctx: T.ExpressionContext): T.PrimaryExpressionContext | undefined {
    const bool = ctx.booleanExpression();
    if (!(bool instanceof T.PredicatedContext) || bool.predicate()) return undefined;
    const value = bool.valueExpression();
    return value instanceof T.ValueExpressionDefaultContext ? value.primaryExpression() : undefined;
  }

  // ---- query specification ----------------------------------------------------------------------

  private querySpecification(ctx: T.QuerySpecificationContext, outer: Scope): SpecResult {
    const state: SpecState = { aggregate: false };
    const scope = new Scope(outer, state);
    const fromParts = ctx.relation().map((relation) => this.relation(relation, scope));
    const fromSql = fromParts.join(', ');
    const whereCtx = ctx.whereClause();
    let whereSql: string | undefined;
    if (whereCtx) {
      const where = this.booleanExpression(whereCtx.booleanExpression(), scope);
      this.requireBoolean(where, whereCtx.booleanExpression(), 'WHERE clause');
      whereSql = where.sql;
      for (const bound of where.bounds ?? []) {
        if (!scope.relations.includes(bound.relation) || !bound.relation.store) continue;
        bound.relation.store[bound.side].push(bound);
      }
    }
    const selectParts: string[] = [];
    const outputs: Output[] = [];
    let outputsKnown = true;
    let star = false;
    for (const [index, item] of ctx.selectList().selectItem().entries()) {
      if (item.selectAllWithoutTable()) {
        star = true;
        selectParts.push('*');
        for (const relation of scope.relations) {
          if (!relation.columns || relation.open) outputsKnown = false;
          else for (const [name, type] of relation.columns) outputs.push({ name, type });
        }
        continue;
      }
      const all = item.tableAllColumns();
      if (all) {
        star = true;
        if (item.columnAliases()) this.unsupported(item, 'Column aliases for t.*');
        const relation = this.qualifierRelation(all.primaryExpression(), scope);
        if (!relation?.name) {
          this.fail(all, `Table '${all.primaryExpression().getText()}' not found`);
          selectParts.push('NULL');
          continue;
        }
        selectParts.push(`${quote(relation.name)}.*`);
        if (!relation.columns || relation.open) outputsKnown = false;
        else for (const [name, type] of relation.columns) outputs.push({ name, type });
        continue;
      }
      const literalColumn = item.selectLiteralColumnName()?.columnRef();
      const expressionColumn = item.selectExpressionColumnName()?.expression();
      let value: Expr;
      let derived: string | undefined;
      if (literalColumn?.qualifiedName()) {
        const names = literalColumn.qualifiedName()?.identifier() ?? [];
        value = this.columnName(literalColumn.qualifiedName() ?? literalColumn, scope, literalColumn);
        const last = names[names.length - 1];
        derived = last ? this.identifier(last) : undefined;
      } else if (expressionColumn) {
        value = this.expression(expressionColumn, scope);
        derived = this.derivedName(expressionColumn);
      } else value = this.unsupported(item, 'This select item');
      const alias = item.identifier();
      // §10.3: the alias as written, else the last identifier of a column reference, else _col<i>.
      const key = alias ? this.identifier(alias) : (derived ?? `_col${String(index)}`);
      selectParts.push(`${value.sql} AS ${quote(key)}`);
      outputs.push({ name: alias || derived ? key : undefined, type: value.type });
    }
    const groupBy = ctx.groupBy();
    const groupSql = groupBy ? ` GROUP BY ${this.groupBy(groupBy, scope)}` : '';
    const having = ctx.havingClause();
    let havingSql = '';
    if (having) {
      const condition = this.booleanExpression(having.booleanExpression(), scope);
      this.requireBoolean(condition, having.booleanExpression(), 'HAVING clause');
      havingSql = ` HAVING ${condition.sql}`;
      state.aggregate = true;
    }
    const windows = ctx.windowDefinition();
    const windowSql =
      windows.length > 0
        ? ` WINDOW ${windows
            .map(
              (w) =>
                `${quote(this.identifier(w.identifier()))} AS (${this.windowSpecification(w.windowSpecification(), scope)})`,
            )
            .join(', ')}`
        : '';
    const quantifier = ctx.setQuantifier();
    const distinct = quantifier?.KW_DISTINCT() !== null && quantifier !== null;
    const sql =
      `SELECT ${distinct ? 'DISTINCT ' : ''}${selectParts.join(', ')}` +
      (fromSql ? ` FROM ${fromSql}` : '') +
      (whereSql ? ` WHERE ${whereSql}` : '') +
      groupSql +
      havingSql +
      windowSql;
    const matched = fromSql
      ? `SELECT count(*) FROM ${fromSql}${whereSql ? ` WHERE ${whereSql}` : ''}`
      : `SELECT count(*) FROM (SELECT 1) AS "_one"${whereSql ? ` WHERE ${whereSql}` : ''}`;
    const storeRelations = scope.relations.filter((relation) => relation.store);
    const storeQualifiers = storeRelations.flatMap((relation) => (relation.name ? [quote(relation.name)] : []));
    const simple = !distinct && !groupBy && !state.aggregate;
    const plain =
      simple &&
      storeRelations.length === 1 &&
      scope.relations.every((relation) => relation.store !== undefined || relation.unnest === true);
    return {
      sql,
      outputs: outputsKnown ? outputs : undefined,
      width: star ? undefined : selectParts.length,
      matched,
      plainStore: plain ? storeQualifiers[0] : undefined,
      tieBreakers: simple ? storeQualifiers.map((qualifier) => `${qualifier}."eventid"`) : [],
      scope,
    };
  }

  /** Trino's name for an unaliased select expression: a column's or field's last identifier. */
  private derivedName(ctx: T.ExpressionContext): string | undefined {
    const primary = this.primaryOf(ctx);
    if (primary instanceof T.DereferenceContext) return this.identifier(primary.identifier());
    if (primary instanceof T.ColumnReferenceContext) {
      const names = primary.columnName().qualifiedName().identifier();
      const last = names[names.length - 1];
      return last ? this.identifier(last) : undefined;
    }
    if (primary instanceof T.ParenthesizedExpressionContext) return this.derivedName(primary.expression());
    return undefined;
  }

  private groupBy(ctx: T.GroupByContext, scope: Scope): string {
    if (ctx.setQuantifier()?.KW_DISTINCT()) this.unsupported(ctx, 'GROUP BY DISTINCT');
    const nearest = scope.nearestSpec();
    if (nearest) nearest.aggregate = true;
    const set = (grouping: T.GroupingSetContext): string => {
      const terms = grouping.groupingTerm().map((term) => this.groupingTerm(term, scope));
      return grouping.getText().startsWith('(') ? `(${terms.join(', ')})` : terms.join(', ');
    };
    return ctx
      .groupingElement()
      .map((element) => {
        if (element instanceof T.SingleGroupingSetContext) return set(element.groupingSet());
        const sets = (element as T.RollupContext | T.CubeContext | T.MultipleGroupingSetsContext)
          .groupingSet()
          .map(set)
          .join(', ');
        if (element instanceof T.RollupContext) return `ROLLUP (${sets})`;
        if (element instanceof T.CubeContext) return `CUBE (${sets})`;
        return `GROUPING SETS (${sets})`;
      })
      .join(', ');
  }

  private groupingTerm(ctx: T.GroupingTermContext, scope: Scope): string {
    const columnRef = ctx.columnRef();
    const expression = ctx.expression();
    if (columnRef?.qualifiedName())
      return this.columnName(columnRef.qualifiedName() ?? columnRef, scope, columnRef).sql;
    if (expression) return this.expression(expression, scope).sql;
    return this.unsupported(ctx, 'This GROUP BY item').sql;
  }

  // ---- relations --------------------------------------------------------------------------------

  private relation(ctx: T.RelationContext, scope: Scope): string {
    if (ctx instanceof T.RelationDefaultContext) return this.sampledRelation(ctx.sampledRelation(), scope);
    if (!(ctx instanceof T.JoinRelationContext)) throw this.refuse(ctx, 'Unsupported relation');
    const [leftCtx, rightCtx] = ctx.relation();
    if (!leftCtx) throw this.refuse(ctx, 'Unsupported relation');
    const left = this.relation(leftCtx, scope);
    if (ctx.KW_CROSS()) {
      const right = ctx.sampledRelation();
      return `${left} CROSS JOIN ${right ? this.sampledRelation(right, scope) : ''}`;
    }
    const joinType = this.joinType(ctx.joinType());
    if (ctx.KW_NATURAL()) {
      const right = ctx.sampledRelation();
      const natural = joinType === 'INNER ' ? '' : joinType;
      return `${left} NATURAL ${natural}JOIN ${right ? this.sampledRelation(right, scope) : ''}`;
    }
    if (!rightCtx) throw this.refuse(ctx, 'Unsupported relation');
    const right = this.relation(rightCtx, scope);
    const criteria = ctx.joinCriteria();
    let on = '';
    if (criteria?.KW_USING())
      on = ` USING (${criteria
        .identifier()
        .map((id) => quote(this.identifier(id)))
        .join(', ')})`;
    else if (criteria) {
      const equality = criteria.joinColumnEquality();
      const condition = criteria.booleanExpression();
      if (equality) {
        const [a, b] = equality.joinColumnReference().map((reference) => {
          const name = reference.columnName();
          return name ? this.columnName(name.qualifiedName(), scope, name) : this.unsupported(reference, 'This join');
        });
        if (a && b) on = ` ON ${this.comparison('=', a, b, equality).sql}`;
      } else if (condition) {
        const value = this.booleanExpression(condition, scope);
        this.requireBoolean(value, condition, 'JOIN ON clause');
        on = ` ON ${value.sql}`;
      }
    }
    return `${left} ${joinType}JOIN ${right}${on}`;
  }

  private joinType(ctx: T.JoinTypeContext | null): string {
    if (ctx?.KW_LEFT()) return 'LEFT ';
    if (ctx?.KW_RIGHT()) return 'RIGHT ';
    if (ctx?.KW_FULL()) return 'FULL ';
    return 'INNER ';
  }

  private sampledRelation(ctx: T.SampledRelationContext, scope: Scope): string {
    if (ctx.KW_TABLESAMPLE()) this.unsupported(ctx, 'TABLESAMPLE');
    const pattern = ctx.patternRecognition();
    if (pattern.KW_MATCH_RECOGNIZE()) this.unsupported(pattern, 'MATCH_RECOGNIZE');
    return this.aliasedRelation(pattern.aliasedRelation(), scope);
  }

  private aliasedRelation(ctx: T.AliasedRelationContext, scope: Scope): string {
    const aliasCtx = ctx.identifier();
    const alias = aliasCtx ? this.identifier(aliasCtx) : undefined;
    const columnAliases = ctx
      .columnAliases()
      ?.identifier()
      .map((id) => this.identifier(id));
    const primary = ctx.relationPrimary();
    if (primary instanceof T.TableNameContext) {
      if (primary.queryPeriod()) this.unsupported(primary, 'FOR TIMESTAMP AS OF');
      const tableRef = primary.tableOrViewName().tableRef();
      if (!tableRef) throw this.refuse(primary, 'Unsupported table reference');
      return this.tableName(tableRef, alias, scope, primary, columnAliases);
    }
    if (primary instanceof T.ParenthesizedRelationContext) {
      if (alias) this.unsupported(ctx, 'An alias for a parenthesized join');
      return `(${this.relation(primary.relation(), scope)})`;
    }
    if (!(primary instanceof T.ExpressionSourceTableContext)) throw this.refuse(primary, 'Unsupported relation');
    const source = primary.relationSourceTable();
    const aliasSql = (names: readonly string[] | undefined) =>
      `${alias === undefined ? '' : ` AS ${quote(alias)}`}${names ? `(${names.map(quote).join(', ')})` : ''}`;
    if (source instanceof T.SubqueryRelationContext || source instanceof T.LateralContext) {
      // A sub-query in FROM sees outer queries; LATERAL also sees the relations before it.
      const lateral = source instanceof T.LateralContext;
      const inner = this.query(source.query(), lateral ? scope : (scope.parent ?? scope), false);
      scope.relations.push(this.derivedRelation(alias, inner.outputs, columnAliases));
      return `${lateral ? 'LATERAL ' : ''}(${inner.sql})${aliasSql(columnAliases)}`;
    }
    if (source instanceof T.UnnestContext) return this.unnest(source, alias, columnAliases, scope);
    if (source instanceof T.TableFunctionInvocationContext)
      throw this.refuse(source, 'Table functions are not allowed: a query reads only event data stores');
    this.unsupported(source, source instanceof T.JsonTableContext ? 'JSON_TABLE' : 'This relation');
    return '(SELECT 1)';
  }

  private derivedRelation(
    alias: string | undefined,
    outputs: readonly Output[] | undefined,
    columnAliases: readonly string[] | undefined,
  ): Relation {
    let columns: Map<string, LakeType> | undefined;
    if (outputs) {
      columns = new Map();
      outputs.forEach((output, i) => {
        const name = columnAliases?.[i] ?? output.name;
        if (name !== undefined) columns?.set(name.toLowerCase(), output.type);
      });
    } else if (columnAliases) columns = new Map(columnAliases.map((name) => [name.toLowerCase(), UNKNOWN]));
    return { name: alias?.toLowerCase(), columns, open: false };
  }

  /**
   * Trino's UNNEST expands an array of rows into one column per field and a map into key and value;
   * DuckDB's recursive unnest does the same in a LATERAL sub-query.
   */
  private unnest(
    ctx: T.UnnestContext,
    alias: string | undefined,
    columnAliases: string[] | undefined,
    scope: Scope,
  ): string {
    const items: string[] = [];
    const columns: [string | undefined, LakeType][] = [];
    const values = ctx.expression().map((expression) => this.expression(expression, scope));
    for (const value of values) {
      const type = value.type;
      if (type.kind === 'array' && type.element.kind === 'row') {
        items.push(`unnest(${value.sql}, recursive := true)`);
        for (const [name, field] of type.element.fields) columns.push([name, field]);
      } else if (type.kind === 'map') {
        items.push(`unnest(map_entries(${value.sql}), recursive := true)`);
        columns.push(['key', type.key], ['value', type.value]);
      } else {
        items.push(`unnest(${value.sql})`);
        columns.push([undefined, type.kind === 'array' ? type.element : UNKNOWN]);
      }
    }
    if (ctx.KW_ORDINALITY()) {
      items.push(`generate_subscripts(${values[0]?.sql ?? 'NULL'}, 1)`);
      columns.push([undefined, BIGINT]);
    }
    const known = values.every((value) => value.type.kind !== 'unknown');
    const names = columnAliases;
    const relationColumns = new Map<string, LakeType>();
    columns.forEach(([name, type], i) => {
      const finalName = columnAliases?.[i] ?? name;
      if (finalName !== undefined) relationColumns.set(finalName.toLowerCase(), type);
    });
    scope.relations.push({
      name: alias?.toLowerCase(),
      columns: known || columnAliases ? relationColumns : undefined,
      open: false,
      unnest: true,
    });
    const aliasSql = alias === undefined ? '' : ` AS ${quote(alias)}${names ? `(${names.map(quote).join(', ')})` : ''}`;
    return `LATERAL (SELECT ${items.join(', ')})${aliasSql}`;
  }

  /** A table name: a WITH query of an enclosing scope, or else a store reference (§10.1 item 3). */
  private tableName(
    ctx: T.TableRefContext,
    alias: string | undefined,
    scope: Scope,
    at: ParserRuleContext,
    columnAliases?: readonly string[],
  ): string {
    const parts = ctx.identifier().map((id) => this.identifier(id));
    const reference = parts.join('.');
    const cte = parts.length === 1 ? scope.cte(reference.toLowerCase()) : undefined;
    const aliasSql = (name: string) =>
      ` AS ${quote(name)}${columnAliases ? `(${columnAliases.map(quote).join(', ')})` : ''}`;
    if (cte) {
      scope.relations.push(this.derivedRelation(alias ?? cte.name, cte.outputs, columnAliases));
      return `${quote(cte.name)}${alias === undefined && !columnAliases ? '' : aliasSql(alias ?? cte.name)}`;
    }
    let store = this.resolved.get(reference);
    if (!store) {
      store = this.options.resolveStore(reference);
      this.resolved.set(reference, store);
    }
    if (columnAliases) this.unsupported(at, 'Column aliases for an event data store');
    const read: StoreRead = { table: store.table, lower: [], upper: [] };
    this.reads.push(read);
    // Unaliased, the store is named by its reference, so `"<id>".eventName` works as in Trino.
    const name = alias ?? reference;
    scope.relations.push({
      name: name.toLowerCase(),
      columns: LAKE_SCHEMAS[store.kind],
      open: OPEN_SCHEMAS.has(store.kind),
      store: read,
    });
    return `${quote(store.table)} AS ${quote(name)}`;
  }

  /** The relation a `q.*` qualifier names. */
  private qualifierRelation(ctx: T.PrimaryExpressionContext, scope: Scope): Relation | undefined {
    if (!(ctx instanceof T.ColumnReferenceContext)) return undefined;
    const parts = ctx
      .columnName()
      .qualifiedName()
      .identifier()
      .map((id) => this.identifier(id).toLowerCase());
    const name = parts.join('.');
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const found = s.relations.find((relation) => relation.name === name);
      if (found) return found;
    }
    return undefined;
  }

  // ---- scans ------------------------------------------------------------------------------------

  private scans(): TranslatedQuery['scans'] {
    const tables = [...new Set(this.reads.map((read) => read.table))];
    return tables.map((table) => {
      const reads = this.reads.filter((read) => read.table === table);
      const side = (which: 'lower' | 'upper'): ScanBound | undefined => {
        // Within one read the bounds are AND-ed (the tightest wins); across reads, the hull.
        const perRead = reads.map((read) => combine(read[which], which === 'lower' ? 'greatest' : 'least'));
        if (perRead.some((bound) => bound === undefined)) return undefined;
        return combine(perRead as ScanBound[], which === 'lower' ? 'least' : 'greatest');
      };
      const lower = side('lower');
      const upper = side('upper');
      return { table, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
    });
  }

  // ---- expressions ------------------------------------------------------------------------------

  private expression(ctx: T.ExpressionContext, scope: Scope): Expr {
    return this.booleanExpression(ctx.booleanExpression(), scope);
  }

  private requireBoolean(value: Expr, at: ParserRuleContext, clause: string): void {
    if (value.type.kind !== 'unknown' && value.type.kind !== 'boolean')
      this.fail(at, `${clause} must evaluate to a boolean: actual type ${typeName(value.type)}`);
  }

  private booleanExpression(ctx: T.BooleanExpressionContext, scope: Scope): Expr {
    if (ctx instanceof T.PredicatedContext) {
      const value = this.valueExpression(ctx.valueExpression(), scope);
      const predicate = ctx.predicate();
      return predicate ? this.predicate(predicate, value, scope) : value;
    }
    if (ctx instanceof T.LogicalNotContext) {
      const inner = this.booleanExpression(ctx.booleanExpression(), scope);
      this.requireLogical(inner, ctx);
      return { sql: `(NOT ${inner.sql})`, type: BOOLEAN, constant: inner.constant };
    }
    if (ctx instanceof T.AndContext || ctx instanceof T.OrContext) {
      const [leftCtx, rightCtx] = ctx.booleanExpression();
      if (!leftCtx || !rightCtx) throw this.refuse(ctx, 'Incomplete logical expression');
      const left = this.booleanExpression(leftCtx, scope);
      const right = this.booleanExpression(rightCtx, scope);
      this.requireLogical(left, leftCtx);
      this.requireLogical(right, rightCtx);
      const and = ctx instanceof T.AndContext;
      return {
        sql: `(${left.sql} ${and ? 'AND' : 'OR'} ${right.sql})`,
        type: BOOLEAN,
        constant: left.constant && right.constant,
        // Only top-level AND-ed comparisons bound eventTime; an OR leaves it open (§10.2).
        ...(and ? { bounds: [...(left.bounds ?? []), ...(right.bounds ?? [])] } : {}),
      };
    }
    throw this.refuse(ctx, 'Unsupported expression');
  }

  private requireLogical(value: Expr, at: ParserRuleContext): void {
    if (value.type.kind !== 'unknown' && value.type.kind !== 'boolean')
      this.fail(at, `Value of logical operator must evaluate to a BOOLEAN (actual: ${typeName(value.type)})`);
  }

  private predicate(ctx: T.PredicateContext, value: Expr, scope: Scope): Expr {
    if (ctx instanceof T.ComparisonContext) {
      const right = this.valueExpression(ctx.valueExpression(), scope);
      return this.comparison(this.operator(ctx.comparisonOperator()), value, right, ctx.comparisonOperator());
    }
    if (ctx instanceof T.BetweenContext) {
      const [lowerCtx, upperCtx] = ctx.valueExpression();
      if (!lowerCtx || !upperCtx) throw this.refuse(ctx, 'Incomplete BETWEEN');
      let lower = this.valueExpression(lowerCtx, scope);
      let upper = this.valueExpression(upperCtx, scope);
      lower = this.coerceTo(value.type, lower, lowerCtx);
      upper = this.coerceTo(value.type, upper, upperCtx);
      if (!comparable(value.type, lower.type) || !comparable(value.type, upper.type))
        this.fail(
          ctx,
          `Cannot check if ${typeName(value.type)} is BETWEEN ${typeName(lower.type)} and ${typeName(upper.type)}`,
        );
      const not = ctx.KW_NOT() !== null;
      const bounds: Bound[] = [];
      const relation = this.eventTimeRelation(value);
      if (!not && relation && isTimeConstant(lower) && isTimeConstant(upper))
        bounds.push(
          { relation, side: 'lower', sql: `CAST(${lower.sql} AS TIMESTAMP)`, inclusive: true },
          { relation, side: 'upper', sql: `CAST(${upper.sql} AS TIMESTAMP)`, inclusive: true },
        );
      return {
        sql: `(${value.sql} ${not ? 'NOT ' : ''}BETWEEN ${lower.sql} AND ${upper.sql})`,
        type: BOOLEAN,
        constant: value.constant && lower.constant && upper.constant,
        bounds,
      };
    }
    if (ctx instanceof T.InListContext) {
      const items = ctx.expression().map((item) => {
        const translated = this.coerceTo(value.type, this.expression(item, scope), item);
        if (!comparable(value.type, translated.type))
          this.fail(item, `IN value and list items must be the same type: ${typeName(value.type)}`);
        return translated;
      });
      return {
        sql: `(${value.sql} ${ctx.KW_NOT() ? 'NOT ' : ''}IN (${items.map((item) => item.sql).join(', ')}))`,
        type: BOOLEAN,
        constant: value.constant && items.every((item) => item.constant),
      };
    }
    if (ctx instanceof T.InSubqueryContext) {
      const inner = this.query(ctx.query(), scope, false);
      return { sql: `(${value.sql} ${ctx.KW_NOT() ? 'NOT ' : ''}IN (${inner.sql}))`, type: BOOLEAN, constant: false };
    }
    if (ctx instanceof T.QuantifiedComparisonContext) {
      const inner = this.query(ctx.query(), scope, false);
      const quantifier = ctx.comparisonQuantifier().KW_ALL() ? 'ALL' : 'ANY';
      return {
        sql: `(${value.sql} ${this.operator(ctx.comparisonOperator())} ${quantifier} (${inner.sql}))`,
        type: BOOLEAN,
        constant: false,
      };
    }
    if (ctx instanceof T.LikeContext) {
      const [patternCtx, escapeCtx] = ctx.valueExpression();
      if (!patternCtx) throw this.refuse(ctx, 'Incomplete LIKE');
      const pattern = this.valueExpression(patternCtx, scope);
      const escape = escapeCtx ? this.valueExpression(escapeCtx, scope) : undefined;
      if (value.type.kind !== 'unknown' && value.type.kind !== 'varchar')
        this.fail(ctx, `Left side of LIKE expression must evaluate to a varchar (actual: ${typeName(value.type)})`);
      return {
        sql: `(${value.sql} ${ctx.KW_NOT() ? 'NOT ' : ''}LIKE ${pattern.sql}${escape ? ` ESCAPE ${escape.sql}` : ''})`,
        type: BOOLEAN,
        constant: value.constant && pattern.constant,
      };
    }
    if (ctx instanceof T.NullPredicateContext)
      return { sql: `(${value.sql} IS ${ctx.KW_NOT() ? 'NOT ' : ''}NULL)`, type: BOOLEAN, constant: value.constant };
    if (ctx instanceof T.DistinctFromContext) {
      const rightCtx = ctx.valueExpression();
      const right = this.coerceTo(value.type, this.valueExpression(rightCtx, scope), rightCtx);
      const left = this.coerceTo(right.type, value, ctx);
      if (!comparable(left.type, right.type))
        this.fail(ctx, `Cannot apply operator: ${typeName(left.type)} IS DISTINCT FROM ${typeName(right.type)}`);
      return {
        sql: `(${left.sql} IS ${ctx.KW_NOT() ? 'NOT ' : ''}DISTINCT FROM ${right.sql})`,
        type: BOOLEAN,
        constant: left.constant && right.constant,
      };
    }
    throw this.refuse(ctx, 'Unsupported predicate');
  }

  private operator(ctx: T.ComparisonOperatorContext): string {
    if (ctx.EQ()) return '=';
    if (ctx.NEQ()) return '<>';
    if (ctx.LTE()) return '<=';
    if (ctx.GTE()) return '>=';
    if (ctx.LT()) return '<';
    return '>';
  }

  /** The relation whose eventTime an expression is, when it is a store's eventTime column. */
  private eventTimeRelation(value: Expr): Relation | undefined {
    const column = value.column;
    return column?.name === 'eventtime' && column.relation.store ? column.relation : undefined;
  }

  private comparison(operator: string, leftValue: Expr, rightValue: Expr, at: ParserRuleContext): Expr {
    const right = this.coerceTo(leftValue.type, rightValue, at);
    const left = this.coerceTo(right.type, leftValue, at);
    if (!comparable(left.type, right.type))
      this.fail(at, `Cannot apply operator: ${typeName(left.type)} ${operator} ${typeName(right.type)}`);
    const bounds: Bound[] = [];
    const add = (relation: Relation, constant: Expr, op: string) => {
      const sql = `CAST(${constant.sql} AS TIMESTAMP)`;
      if (op === '>' || op === '>=' || op === '=') bounds.push({ relation, side: 'lower', sql, inclusive: op !== '>' });
      if (op === '<' || op === '<=' || op === '=') bounds.push({ relation, side: 'upper', sql, inclusive: op !== '<' });
    };
    const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };
    const leftRelation = this.eventTimeRelation(left);
    const rightRelation = this.eventTimeRelation(right);
    if (leftRelation && isTimeConstant(right)) add(leftRelation, right, operator);
    else if (rightRelation && isTimeConstant(left)) add(rightRelation, left, flipped[operator] ?? operator);
    return {
      sql: `(${left.sql} ${operator} ${right.sql})`,
      type: BOOLEAN,
      constant: left.constant && right.constant,
      bounds,
    };
  }

  /**
   * Trino casts a string literal compared with a timestamp or date (§10.5); the literal becomes a
   * DuckDB literal of that type, or the query fails as Trino's cast would.
   */
  private coerceTo(target: LakeType, value: Expr, at: ParserRuleContext): Expr {
    if (value.text === undefined) return value;
    if (target.kind === 'timestamp') {
      const text = parseTimestampText(value.text);
      if (text === undefined) {
        this.fail(at, `Value cannot be cast to timestamp: ${value.text}`);
        return value;
      }
      return { sql: `TIMESTAMP ${literal(text)}`, type: TIMESTAMP, constant: true };
    }
    if (target.kind === 'date') {
      const text = parseDateText(value.text);
      if (text === undefined) {
        this.fail(at, `Value cannot be cast to date: ${value.text}`);
        return value;
      }
      return { sql: `DATE ${literal(text)}`, type: DATE, constant: true };
    }
    return value;
  }

  private valueExpression(ctx: T.ValueExpressionContext, scope: Scope): Expr {
    if (ctx instanceof T.ValueExpressionDefaultContext) return this.primaryExpression(ctx.primaryExpression(), scope);
    if (ctx instanceof T.ArithmeticBinaryContext) {
      const [leftCtx, rightCtx] = ctx.valueExpression();
      if (!leftCtx || !rightCtx) throw this.refuse(ctx, 'Incomplete arithmetic');
      const left = this.valueExpression(leftCtx, scope);
      const right = this.valueExpression(rightCtx, scope);
      const operator = ctx.PLUS() ? '+' : ctx.MINUS() ? '-' : ctx.ASTERISK() ? '*' : ctx.SLASH() ? '/' : '%';
      return {
        sql: `(${left.sql} ${operator} ${right.sql})`,
        type: this.arithmeticType(operator, left.type, right.type, ctx),
        constant: left.constant && right.constant,
      };
    }
    if (ctx instanceof T.ArithmeticUnaryContext) {
      const inner = this.valueExpression(ctx.valueExpression(), scope);
      if (inner.type.kind !== 'unknown' && !isNumeric(inner.type) && inner.type.kind !== 'interval')
        this.fail(ctx, `Cannot negate ${typeName(inner.type)}`);
      return { sql: ctx.MINUS() ? `(- ${inner.sql})` : inner.sql, type: inner.type, constant: inner.constant };
    }
    if (ctx instanceof T.ConcatenationContext) {
      const [leftCtx, rightCtx] = ctx.valueExpression();
      if (!leftCtx || !rightCtx) throw this.refuse(ctx, 'Incomplete concatenation');
      const left = this.valueExpression(leftCtx, scope);
      const right = this.valueExpression(rightCtx, scope);
      return {
        sql: `(${left.sql} || ${right.sql})`,
        type: left.type.kind === 'array' ? left.type : VARCHAR,
        constant: left.constant && right.constant,
      };
    }
    if (ctx instanceof T.AtTimeZoneContext) {
      const value = this.valueExpression(ctx.valueExpression(), scope);
      const zone = ctx.timeZoneSpecifier();
      const text = zone instanceof T.TimeZoneStringContext ? this.stringValue(zone.string()) : undefined;
      // The engines have no time zones; UTC is the identity on the emulator's UTC timestamps.
      if (text === undefined || !UTC_ZONES.has(text.toLowerCase()))
        return this.unsupported(zone, 'A time zone other than UTC');
      return value;
    }
    throw this.refuse(ctx, 'Unsupported expression');
  }

  private arithmeticType(operator: string, left: LakeType, right: LakeType, at: ParserRuleContext): LakeType {
    if (left.kind === 'unknown' || right.kind === 'unknown') return left.kind === 'unknown' ? right : left;
    if (isNumeric(left) && isNumeric(right)) {
      for (const kind of ['double', 'decimal', 'bigint'] as const)
        if (left.kind === kind || right.kind === kind) return left.kind === kind ? left : right;
      return INTEGER;
    }
    const temporal = (type: LakeType) => type.kind === 'timestamp' || type.kind === 'date';
    if ((operator === '+' || operator === '-') && temporal(left) && right.kind === 'interval') return left;
    if (operator === '+' && left.kind === 'interval' && temporal(right)) return right;
    if (operator === '-' && temporal(left) && temporal(right)) return { kind: 'interval', yearMonth: false };
    if ((operator === '+' || operator === '-') && left.kind === 'interval' && right.kind === 'interval') return left;
    if ((operator === '*' || operator === '/') && (left.kind === 'interval' || right.kind === 'interval'))
      return left.kind === 'interval' ? left : right;
    this.fail(at, `Cannot apply operator: ${typeName(left)} ${operator} ${typeName(right)}`);
    return UNKNOWN;
  }

  private stringValue(ctx: T.StringContext): string | undefined {
    if (ctx instanceof T.BasicStringLiteralContext) return ctx.getText().slice(1, -1).replaceAll("''", "'");
    return undefined;
  }

  private primaryExpression(ctx: T.PrimaryExpressionContext, scope: Scope): Expr {
    if (ctx instanceof T.ColumnReferenceContext) return this.columnName(ctx.columnName().qualifiedName(), scope, ctx);
    if (ctx instanceof T.StringLiteralContext) {
      const text = this.stringValue(ctx.string());
      if (text === undefined) return this.unsupported(ctx, 'A Unicode string literal');
      return { sql: literal(text), type: { kind: 'varchar', length: Array.from(text).length }, constant: true, text };
    }
    if (ctx instanceof T.NumericLiteralContext) return this.number(ctx.number());
    if (ctx instanceof T.BooleanLiteralContext)
      return { sql: ctx.booleanValue().KW_TRUE() ? 'true' : 'false', type: BOOLEAN, constant: true };
    if (ctx instanceof T.NullLiteralContext) return { sql: 'NULL', type: UNKNOWN, constant: true };
    if (ctx instanceof T.FunctionCallContext) return this.functionCall(ctx, scope);
    if (ctx instanceof T.DereferenceContext) {
      const base = this.primaryExpression(ctx.primaryExpression(), scope);
      const field = this.identifier(ctx.identifier());
      return { sql: `(${base.sql}).${quote(field)}`, type: this.field(base.type, field, ctx), constant: base.constant };
    }
    if (ctx instanceof T.SubscriptContext) {
      const base = this.primaryExpression(ctx.primaryExpression(), scope);
      const index = this.valueExpression(ctx.valueExpression(), scope);
      const type =
        base.type.kind === 'map' ? base.type.value : base.type.kind === 'array' ? base.type.element : UNKNOWN;
      return { sql: `${base.sql}[${index.sql}]`, type, constant: base.constant && index.constant };
    }
    if (ctx instanceof T.ParenthesizedExpressionContext) {
      const inner = this.expression(ctx.expression(), scope);
      return { ...inner, sql: `(${inner.sql})` };
    }
    if (ctx instanceof T.IntervalLiteralContext) return this.interval(ctx.interval());
    if (ctx instanceof T.TypeConstructorContext) return this.typeConstructor(ctx);
    if (ctx instanceof T.CastContext) return this.cast(ctx, scope);
    if (ctx instanceof T.SimpleCaseContext || ctx instanceof T.SearchedCaseContext)
      return this.caseExpression(ctx, scope);
    if (
      ctx instanceof T.CurrentTimestampContext ||
      ctx instanceof T.LocalTimestampContext ||
      ctx instanceof T.CurrentDateContext ||
      ctx instanceof T.CurrentTimeContext ||
      ctx instanceof T.LocalTimeContext
    )
      return this.clockValue(ctx);
    if (ctx instanceof T.SubqueryExpressionContext) {
      const inner = this.query(ctx.query(), scope, false);
      return { sql: `(${inner.sql})`, type: inner.outputs?.[0]?.type ?? UNKNOWN, constant: false };
    }
    if (ctx instanceof T.ExistsContext) {
      const inner = this.query(ctx.query(), scope, false);
      return { sql: `(EXISTS (${inner.sql}))`, type: BOOLEAN, constant: false };
    }
    if (ctx instanceof T.ArrayConstructorContext) {
      const items = ctx.expression().map((item) => this.expression(item, scope));
      return {
        sql: `[${items.map((item) => item.sql).join(', ')}]`,
        type: { kind: 'array', element: items.find((item) => item.type.kind !== 'unknown')?.type ?? UNKNOWN },
        constant: items.every((item) => item.constant),
      };
    }
    if (ctx instanceof T.RowConstructorContext) {
      const items = ctx.expression().map((item) => this.expression(item, scope));
      return {
        sql: `row(${items.map((item) => item.sql).join(', ')})`,
        type: UNKNOWN,
        constant: items.every((i) => i.constant),
      };
    }
    if (ctx instanceof T.LambdaContext) return this.lambda(ctx, scope, []);
    if (ctx instanceof T.CoalesceContext) {
      const items = ctx.expression().map((item) => this.expression(item, scope));
      return {
        sql: `coalesce(${items.map((item) => item.sql).join(', ')})`,
        type: items.find((item) => item.type.kind !== 'unknown')?.type ?? UNKNOWN,
        constant: items.every((item) => item.constant),
      };
    }
    if (ctx instanceof T.ExtractContext) return this.extract(ctx, scope);
    if (ctx instanceof T.SubstringContext) {
      const args = ctx.valueExpression().map((arg) => this.valueExpression(arg, scope));
      return {
        sql: `substr(${args.map((arg) => arg.sql).join(', ')})`,
        type: VARCHAR,
        constant: args.every((a) => a.constant),
      };
    }
    if (ctx instanceof T.TrimContext) return this.trim(ctx, scope);
    if (ctx instanceof T.PositionContext) {
      const [needle, haystack] = ctx.valueExpression().map((arg) => this.valueExpression(arg, scope));
      if (!needle || !haystack) throw this.refuse(ctx, 'Incomplete POSITION');
      return {
        sql: `strpos(${haystack.sql}, ${needle.sql})`,
        type: BIGINT,
        constant: needle.constant && haystack.constant,
      };
    }
    if (ctx instanceof T.GroupingOperationContext) {
      const columns = ctx.qualifiedName().map((name) => this.columnName(name, scope, name));
      return { sql: `grouping(${columns.map((c) => c.sql).join(', ')})`, type: BIGINT, constant: false };
    }
    if (ctx instanceof T.ListAggContext) return this.listAgg(ctx, scope);
    if (ctx instanceof T.ParameterContext) {
      this.fail(ctx, 'Incorrect number of parameters: expected 1 but found 0');
      return { sql: 'NULL', type: UNKNOWN, constant: true };
    }
    if (ctx instanceof T.BinaryLiteralContext) return this.unsupported(ctx, 'A binary literal');
    if (ctx instanceof T.NormalizeContext) return this.unsupported(ctx, 'normalize');
    if (ctx instanceof T.MeasureContext) return this.unsupported(ctx, 'A row pattern measure');
    if (
      ctx instanceof T.CurrentUserContext ||
      ctx instanceof T.CurrentCatalogContext ||
      ctx instanceof T.CurrentSchemaContext ||
      ctx instanceof T.CurrentPathContext
    )
      return this.unsupported(ctx, ctx.getText().toLowerCase());
    if (
      ctx instanceof T.JsonExistsContext ||
      ctx instanceof T.JsonValueContext ||
      ctx instanceof T.JsonQueryContext ||
      ctx instanceof T.JsonObjectContext ||
      ctx instanceof T.JsonArrayContext
    )
      return this.unsupported(ctx, (ctx.start?.text ?? 'JSON function').toLowerCase());
    throw this.refuse(ctx, 'Unsupported expression');
  }

  private number(ctx: T.NumberContext): Expr {
    const text = ctx.getText();
    if (ctx instanceof T.IntegerLiteralContext) {
      const negative = text.startsWith('-');
      const digits = (negative ? text.slice(1) : text).replaceAll('_', '');
      let value: bigint;
      try {
        value = BigInt(digits);
      } catch {
        value = 0n;
      }
      if (negative) value = -value;
      if (value > 9223372036854775807n || value < -9223372036854775808n) {
        this.fail(ctx, `Invalid numeric literal: ${text}`);
        return { sql: '0', type: BIGINT, constant: true };
      }
      const type = value > 2147483647n || value < -2147483648n ? BIGINT : INTEGER;
      return { sql: value < 0n ? `(${value.toString()})` : value.toString(), type, constant: true };
    }
    const sql = text.replaceAll('_', '');
    if (ctx instanceof T.DecimalLiteralContext) {
      const [whole = '', fraction = ''] = sql.replace('-', '').split('.');
      const scale = fraction.length;
      const precision = Math.max(whole.replace(/^0+/, '').length + scale, 1);
      return {
        sql: sql.startsWith('-') ? `(${sql})` : sql,
        type: { kind: 'decimal', precision, scale },
        constant: true,
      };
    }
    return { sql: sql.startsWith('-') ? `(${sql})` : sql, type: DOUBLE, constant: true };
  }

  private interval(ctx: T.IntervalContext): Expr {
    const fields = ctx.intervalField();
    const from = fields[0];
    if (!from) throw this.refuse(ctx, 'Incomplete INTERVAL');
    if (ctx.KW_TO()) return this.unsupported(ctx, 'An INTERVAL ... TO ... literal');
    const unit = from.getText().toUpperCase();
    const text = this.stringValue(ctx.string());
    const numeric = unit === 'SECOND' ? /^\s*[+-]?\d+(\.\d+)?\s*$/ : /^\s*[+-]?\d+\s*$/;
    if (text === undefined || !numeric.test(text)) {
      this.fail(ctx, `Invalid INTERVAL ${unit} value: ${text ?? ''}`);
      return { sql: `INTERVAL '0' ${unit}`, type: { kind: 'interval', yearMonth: false }, constant: true };
    }
    const sql = `INTERVAL ${literal(text.trim())} ${unit}`;
    return {
      sql: ctx.MINUS() ? `(- ${sql})` : sql,
      type: { kind: 'interval', yearMonth: unit === 'YEAR' || unit === 'MONTH' },
      constant: true,
    };
  }

  private typeConstructor(ctx: T.TypeConstructorContext): Expr {
    const text = this.stringValue(ctx.string());
    const typeId = ctx.identifier();
    const type = ctx.KW_DOUBLE() ? 'double' : typeId ? this.identifier(typeId).toLowerCase() : '';
    if (text === undefined) return this.unsupported(ctx, 'A Unicode string literal');
    switch (type) {
      case 'timestamp': {
        const value = parseTimestampText(text);
        if (value === undefined) {
          this.fail(ctx, `'${text}' is not a valid TIMESTAMP literal`);
          return { sql: 'CAST(NULL AS TIMESTAMP)', type: TIMESTAMP, constant: true };
        }
        return { sql: `TIMESTAMP ${literal(value)}`, type: TIMESTAMP, constant: true };
      }
      case 'date': {
        const value = parseDateText(text);
        if (value === undefined) {
          this.fail(ctx, `'${text}' is not a valid DATE literal`);
          return { sql: 'CAST(NULL AS DATE)', type: DATE, constant: true };
        }
        return { sql: `DATE ${literal(value)}`, type: DATE, constant: true };
      }
      case 'time':
        if (!/^\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*$/.test(text)) {
          this.fail(ctx, `'${text}' is not a valid TIME literal`);
          return { sql: 'CAST(NULL AS TIME)', type: { kind: 'time' }, constant: true };
        }
        return { sql: `TIME ${literal(text.trim())}`, type: { kind: 'time' }, constant: true };
      case 'varchar':
      case 'char':
        return { sql: literal(text), type: VARCHAR, constant: true, text };
      case 'json':
        // Trino's JSON values are compact JSON text in the emulator.
        return { sql: literal(text), type: JSON_TYPE, constant: true };
      case 'double':
      case 'real':
      case 'bigint':
      case 'integer':
      case 'int':
      case 'smallint':
      case 'tinyint':
      case 'decimal':
      case 'boolean': {
        const target = type === 'int' ? 'INTEGER' : type === 'real' ? 'FLOAT' : type.toUpperCase();
        const lakeType: LakeType =
          type === 'boolean'
            ? BOOLEAN
            : type === 'double' || type === 'real'
              ? DOUBLE
              : type === 'decimal'
                ? UNKNOWN
                : BIGINT;
        return {
          sql: `CAST(${literal(text)} AS ${target === 'DECIMAL' ? 'DECIMAL(38,9)' : target})`,
          type: lakeType,
          constant: true,
        };
      }
      default:
        return this.unsupported(ctx, `Type ${type}`);
    }
  }

  private clockValue(ctx: T.PrimaryExpressionContext): Expr {
    // The emulator's clock, as a literal: no time zones and the same answer on every engine.
    if (ctx instanceof T.CurrentDateContext)
      return { sql: `DATE ${literal(this.clock.slice(0, 10))}`, type: DATE, constant: true };
    if (ctx instanceof T.CurrentTimeContext || ctx instanceof T.LocalTimeContext)
      return { sql: `TIME ${literal(this.clock.slice(11))}`, type: { kind: 'time' }, constant: true };
    return { sql: `TIMESTAMP ${literal(this.clock)}`, type: TIMESTAMP, constant: true };
  }

  private caseExpression(ctx: T.SimpleCaseContext | T.SearchedCaseContext, scope: Scope): Expr {
    const parts: string[] = ['CASE'];
    let constant = true;
    let type: LakeType = UNKNOWN;
    let operand: Expr | undefined;
    if (ctx instanceof T.SimpleCaseContext) {
      const operandCtx = ctx.expression()[0];
      if (operandCtx) {
        operand = this.expression(operandCtx, scope);
        parts.push(operand.sql);
        constant &&= operand.constant;
      }
    }
    for (const when of ctx.whenClause()) {
      const [conditionCtx, resultCtx] = when.expression();
      if (!conditionCtx || !resultCtx) throw this.refuse(when, 'Incomplete WHEN');
      let condition = this.expression(conditionCtx, scope);
      if (operand) condition = this.coerceTo(operand.type, condition, conditionCtx);
      else this.requireBoolean(condition, conditionCtx, 'CASE WHEN clause');
      const result = this.expression(resultCtx, scope);
      if (type.kind === 'unknown') type = result.type;
      constant &&= condition.constant && result.constant;
      parts.push(`WHEN ${condition.sql} THEN ${result.sql}`);
    }
    const elseCtx =
      ctx instanceof T.SimpleCaseContext ? (ctx.KW_ELSE() ? ctx.expression().at(-1) : undefined) : ctx.expression();
    if (elseCtx) {
      const otherwise = this.expression(elseCtx, scope);
      if (type.kind === 'unknown') type = otherwise.type;
      constant &&= otherwise.constant;
      parts.push(`ELSE ${otherwise.sql}`);
    }
    parts.push('END');
    return { sql: `(${parts.join(' ')})`, type, constant };
  }

  private extract(ctx: T.ExtractContext, scope: Scope): Expr {
    const value = this.valueExpression(ctx.valueExpression(), scope);
    const field = this.identifier(ctx.identifier()).toLowerCase();
    const functions: Record<string, string> = {
      year: 'year',
      quarter: 'quarter',
      month: 'month',
      week: 'trino_week',
      day: 'day',
      day_of_month: 'trino_day_of_month',
      day_of_week: 'trino_day_of_week',
      dow: 'trino_day_of_week',
      day_of_year: 'trino_day_of_year',
      doy: 'trino_day_of_year',
      year_of_week: 'trino_year_of_week',
      yow: 'trino_year_of_week',
      hour: 'hour',
      minute: 'minute',
      second: 'second',
    };
    const name = functions[field];
    if (!name) return this.unsupported(ctx, `EXTRACT(${field.toUpperCase()})`);
    return { sql: `${name}(${value.sql})`, type: BIGINT, constant: value.constant };
  }

  private trim(ctx: T.TrimContext, scope: Scope): Expr {
    const values = ctx.valueExpression().map((value) => this.valueExpression(value, scope));
    const specification = ctx.trimsSpecification();
    const name = specification?.KW_LEADING() ? 'ltrim' : specification?.KW_TRAILING() ? 'rtrim' : 'trim';
    // trim([spec] [chars] FROM source) or trim(source, chars).
    let source: Expr | undefined;
    let chars: Expr | undefined;
    if (ctx.KW_FROM()) {
      source = values[values.length - 1];
      chars = values.length > 1 ? values[0] : undefined;
    } else [source, chars] = values;
    if (!source) throw this.refuse(ctx, 'Incomplete TRIM');
    return {
      sql: `${name}(${source.sql}${chars ? `, ${chars.sql}` : ''})`,
      type: VARCHAR,
      constant: source.constant && (chars?.constant ?? true),
    };
  }

  private listAgg(ctx: T.ListAggContext, scope: Scope): Expr {
    const value = this.expression(ctx.expression(), scope);
    const separatorCtx = ctx.string();
    const separator = separatorCtx ? this.stringValue(separatorCtx) : '';
    if (ctx.listAggOverflowBehavior()?.KW_TRUNCATE()) return this.unsupported(ctx, 'LISTAGG ... ON OVERFLOW TRUNCATE');
    if (ctx.filter()) return this.unsupported(ctx, 'LISTAGG ... FILTER');
    const order = ctx.sortItem().map((item) => this.sortItem(item, scope));
    const nearest = scope.nearestSpec();
    if (nearest) nearest.aggregate = true;
    const distinct = ctx.setQuantifier()?.KW_DISTINCT() ? 'DISTINCT ' : '';
    return {
      sql: `string_agg(${distinct}${value.sql}, ${literal(separator ?? '')}${order.length > 0 ? ` ORDER BY ${order.join(', ')}` : ''})`,
      type: VARCHAR,
      constant: false,
    };
  }

  private lambda(ctx: T.LambdaContext, scope: Scope, parameterTypes: readonly LakeType[]): Expr {
    const names = ctx.identifier().map((id) => this.identifier(id));
    const lambdas = new Map<string, LakeType>();
    names.forEach((name, i) => lambdas.set(name.toLowerCase(), parameterTypes[i] ?? UNKNOWN));
    const inner = new Scope(scope, undefined, new Map(), lambdas);
    const body = this.expression(ctx.expression(), inner);
    const parameters = names.length === 1 ? quote(names[0] ?? '') : `(${names.map(quote).join(', ')})`;
    return { sql: `(${parameters} -> ${body.sql})`, type: body.type, constant: false };
  }

  // ---- column references ------------------------------------------------------------------------

  /**
   * A qualified name in expression position: a lambda parameter, an output name (ORDER BY), a
   * relation's column (qualified by the relation's name or not), then struct fields at any depth.
   */
  private columnName(ctx: T.QualifiedNameContext | T.ColumnRefContext, scope: Scope, at: ParserRuleContext): Expr {
    const names = ctx instanceof T.QualifiedNameContext ? ctx.identifier() : (ctx.qualifiedName()?.identifier() ?? []);
    const parts = names.map((id) => this.identifier(id));
    const lower = parts.map((part) => part.toLowerCase());
    const sql = parts.map(quote).join('.');
    const first = lower[0] ?? '';
    const fields = (type: LakeType, from: number): LakeType => {
      let current = type;
      for (let i = from; i < lower.length; i++) current = this.field(current, lower[i] ?? '', at);
      return current;
    };
    let uncertain = false;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const lambda = s.lambdas.get(first);
      if (lambda) return { sql, type: fields(lambda, 1), constant: false };
      if (s === scope && lower.length === 1) {
        const output = s.outputs.get(first);
        if (output) return { sql, type: output, constant: false };
      }
      if (lower.length >= 2) {
        const qualifier =
          lower.length >= 3 ? s.relations.find((r) => r.name === `${first}.${lower[1] ?? ''}`) : undefined;
        const relation = qualifier ?? s.relations.find((r) => r.name === first);
        if (relation) {
          const at2 = qualifier ? 2 : 1;
          const column = lower[at2] ?? '';
          const type = relation.columns?.get(column);
          if (type === undefined && relation.columns && !relation.open) {
            this.fail(at, `Column '${parts.slice(0, at2 + 1).join('.')}' cannot be resolved`);
            return { sql, type: UNKNOWN, constant: false };
          }
          return {
            sql,
            type: type ? fields(type, at2 + 1) : UNKNOWN,
            constant: false,
            ...(lower.length === at2 + 1 ? { column: { relation, name: column } } : {}),
          };
        }
      }
      const holders = s.relations.filter((relation) => relation.columns?.has(first));
      if (holders.length > 1) {
        this.fail(at, `Column '${parts[0] ?? ''}' is ambiguous`);
        return { sql, type: UNKNOWN, constant: false };
      }
      const holder = holders[0];
      if (holder) {
        const type = holder.columns?.get(first) ?? UNKNOWN;
        return {
          sql,
          type: fields(type, 1),
          constant: false,
          ...(lower.length === 1 ? { column: { relation: holder, name: first } } : {}),
        };
      }
      if (s.relations.some((relation) => !relation.columns || relation.open)) uncertain = true;
      // A column found nowhere here may belong to an outer query (a correlated sub-query).
    }
    if (!uncertain) this.fail(at, `Column '${parts.join('.')}' cannot be resolved`);
    return { sql, type: UNKNOWN, constant: false };
  }

  /** The type of a struct field (case-insensitive), failing as Trino does on a missing one. */
  private field(type: LakeType, name: string, at: ParserRuleContext): LakeType {
    if (type.kind === 'row') {
      const field = type.fields.get(name.toLowerCase());
      if (field) return field;
      this.fail(at, `Column '${name}' cannot be resolved`);
      return UNKNOWN;
    }
    if (type.kind !== 'unknown') this.fail(at, `Expression of type ${typeName(type)} has no field '${name}'`);
    return UNKNOWN;
  }

  // ---- function calls ---------------------------------------------------------------------------

  private functionCall(ctx: T.FunctionCallContext, scope: Scope): Expr {
    const nameParts = ctx
      .functionName()
      .qualifiedName()
      .identifier()
      .map((id) => this.identifier(id));
    const written = nameParts.join('.');
    const name = written.toLowerCase();
    if (FORBIDDEN_FUNCTION.test(name) && nameParts.length === 1)
      throw this.refuse(ctx, `Function '${written}' is not allowed: a query reads only event data stores`);
    const rule = nameParts.length === 1 ? lakeFunction(name) : undefined;
    if (!rule) {
      this.fail(ctx, `Function '${written}' not registered`);
      return { sql: 'NULL', type: UNKNOWN, constant: false };
    }
    if (ctx.processingMode()) return this.unsupported(ctx, 'RUNNING and FINAL');
    const over = ctx.over();
    if (ctx.identifier()) return this.unsupported(ctx, `${written}(t.*)`);
    // Arguments in order; a lambda's parameter takes the element type of the first argument.
    const args: Expr[] = [];
    for (const argument of ctx.expression()) {
      const primary = this.primaryOf(argument);
      if (primary instanceof T.LambdaContext) {
        const first = args[0]?.type;
        const element = first?.kind === 'array' ? first.element : UNKNOWN;
        args.push(this.lambda(primary, scope, [element, element]));
      } else args.push(this.expression(argument, scope));
    }
    if (ctx.ASTERISK()) {
      if (name !== 'count') this.fail(ctx, `Function '${written}' does not accept *`);
    } else {
      const [min, max] = rule.arity;
      if (args.length < min || args.length > max)
        this.fail(
          ctx,
          `Unexpected parameters (${args.map((arg) => typeName(arg.type)).join(', ')}) for function ${name}`,
        );
    }
    const type = rule.result(args.map((arg) => arg.type));
    const constant = args.every((arg) => arg.constant) && !NON_DETERMINISTIC.has(name) && !over;
    if (rule.kind === 'special') {
      const sql = this.specialCall(name, args, ctx);
      return { sql, type, constant: constant || CLOCK_FUNCTIONS.has(name) };
    }
    const aggregate = rule.aggregate === true;
    if (rule.window && !over) this.fail(ctx, `Window function ${name} requires an OVER clause`);
    const quantifier = ctx.setQuantifier();
    const distinct = quantifier?.KW_DISTINCT() ? 'DISTINCT ' : '';
    if (distinct && !aggregate) this.fail(ctx, 'DISTINCT can only be used with aggregation functions');
    const order = ctx.sortItem().map((item) => this.sortItem(item, scope));
    const nulls = ctx.nullTreatment();
    // approx_distinct's error bound does not apply to the exact count the engine makes.
    const passed = name === 'approx_distinct' ? args.slice(0, 1) : args;
    const inner = ctx.ASTERISK()
      ? '*'
      : `${distinct}${passed.map((arg) => arg.sql).join(', ')}${order.length > 0 ? ` ORDER BY ${order.join(', ')}` : ''}${
          nulls?.KW_IGNORE() ? ' IGNORE NULLS' : ''
        }`;
    // No one DuckDB macro takes both lists and maps, so cardinality is chosen by its argument's type.
    const target = name === 'cardinality' && args[0]?.type.kind === 'map' ? TRINO_MAP_CARDINALITY : rule.duckdb;
    let sql = `${target}(${inner})`;
    const filter = ctx.filter();
    if (filter) {
      if (!aggregate) this.fail(filter, `Filter is only valid for aggregation functions`);
      const condition = this.booleanExpression(filter.whereClause().booleanExpression(), scope);
      sql += ` FILTER (WHERE ${condition.sql})`;
    }
    if (over) sql += ` OVER ${this.over(over, scope)}`;
    else if (aggregate) {
      const nearest = scope.nearestSpec();
      if (nearest) nearest.aggregate = true;
    }
    return { sql, type, constant: constant && !aggregate };
  }

  /** The functions whose Trino semantics need more than a renamed call. */
  private specialCall(name: string, args: readonly Expr[], at: ParserRuleContext): string {
    const sql = args.map((arg) => arg.sql);
    const [a = 'NULL', b = 'NULL', c] = sql;
    switch (name) {
      case 'concat':
        // Trino's concat is NULL when any argument is; DuckDB's || is too (its concat skips NULLs).
        return `(${sql.map((part) => `(${part})`).join(' || ')})`;
      case 'greatest':
      case 'least':
        // DuckDB's greatest and least skip NULLs; Trino's return NULL.
        return `(CASE WHEN ${sql.map((part) => `(${part}) IS NULL`).join(' OR ')} THEN NULL ELSE ${name}(${sql.join(', ')}) END)`;
      case 'if':
        return `(CASE WHEN ${a} THEN ${b}${c === undefined ? '' : ` ELSE ${c}`} END)`;
      case 'date_trunc':
        // Trino keeps the argument's type; DuckDB 1.4 returns a DATE for a timestamp cut to a day.
        return args[1]?.type.kind === 'timestamp'
          ? `CAST(date_trunc(${a}, ${b}) AS TIMESTAMP)`
          : `date_trunc(${a}, ${b})`;
      case 'now':
        return `TIMESTAMP ${literal(this.clock)}`;
      case 'date': {
        const text = args[0]?.text;
        if (text !== undefined) {
          const value = parseDateText(text) ?? parseTimestampText(text)?.slice(0, 10);
          if (value === undefined) this.fail(at, `Value cannot be cast to date: ${text}`);
          return `DATE ${literal(value ?? '1970-01-01')}`;
        }
        return `CAST(${a} AS DATE)`;
      }
      case 'from_iso8601_date':
        return `CAST(${a} AS DATE)`;
      case 'replace':
        return `replace(${a}, ${b}, ${c ?? "''"})`;
      case 'regexp_replace': {
        // Trino replaces every match and writes groups as $1; DuckDB needs 'g' and \1.
        const replacement = args[2]?.text;
        const replacementSql =
          replacement === undefined ? (c ?? "''") : literal(replacement.replace(/\$(\d)/g, '\\$1'));
        return `regexp_replace(${a}, ${b}, ${replacementSql}, 'g')`;
      }
      case 'regexp_extract':
        // Trino returns NULL without a match; DuckDB returns ''.
        return `(CASE WHEN regexp_matches(${a}, ${b}) THEN regexp_extract(${sql.join(', ')}) END)`;
      case 'array_position':
        return `coalesce(list_position(${a}, ${b}), 0)`;
      case 'from_unixtime':
        return `make_timestamp(CAST(round(CAST(${a} AS DOUBLE) * 1000000) AS BIGINT))`;
      case 'to_iso8601':
        return args[0]?.type.kind === 'date' ? `strftime(${a}, '%Y-%m-%d')` : `strftime(${a}, '%Y-%m-%dT%H:%M:%S.%g')`;
      case 'date_parse': {
        // Trino's format is MySQL's; DuckDB's strptime reads strftime's, mostly the same letters.
        const format = args[1]?.text;
        if (format === undefined) {
          this.fail(at, 'date_parse with a format that is not a literal is not supported by the emulator');
          return 'NULL';
        }
        return `strptime(${a}, ${literal(mysqlToStrftime(format))})`;
      }
      case 'try':
        // No engine equivalent: errors inside are not caught (a documented gap).
        return a;
      case 'any_match':
        return `coalesce(list_bool_or(list_transform(${a}, ${b})), false)`;
      case 'all_match':
        return `coalesce(list_bool_and(list_transform(${a}, ${b})), true)`;
      case 'none_match':
        return `(NOT coalesce(list_bool_or(list_transform(${a}, ${b})), false))`;
      default:
        this.fail(at, `Function '${name}' not registered`);
        return 'NULL';
    }
  }

  private over(ctx: T.OverContext, scope: Scope): string {
    const window = ctx.identifier();
    if (window) return quote(this.identifier(window));
    const specification = ctx.windowSpecification();
    return `(${specification ? this.windowSpecification(specification, scope) : ''})`;
  }

  private windowSpecification(ctx: T.WindowSpecificationContext, scope: Scope): string {
    if (ctx.identifier()) this.unsupported(ctx, 'A window based on a named window');
    const parts: string[] = [];
    const partition = ctx.partitionBy();
    if (partition)
      parts.push(
        `PARTITION BY ${partition
          .expression()
          .map((e) => this.expression(e, scope).sql)
          .join(', ')}`,
      );
    const order = ctx.sortItem();
    if (order.length > 0) parts.push(`ORDER BY ${order.map((item) => this.sortItem(item, scope)).join(', ')}`);
    const frame = ctx.windowFrame();
    if (frame) {
      if (frame.KW_MEASURES() || frame.KW_PATTERN() || frame.KW_DEFINE())
        this.unsupported(frame, 'Row pattern recognition');
      const extent = frame.frameExtent();
      const type = extent.KW_ROWS() ? 'ROWS' : extent.KW_GROUPS() ? 'GROUPS' : 'RANGE';
      const bounds = extent.frameBound().map((bound) => this.frameBound(bound, scope));
      parts.push(
        extent.KW_BETWEEN()
          ? `${type} BETWEEN ${bounds[0] ?? ''} AND ${bounds[1] ?? ''}`
          : `${type} ${bounds[0] ?? ''}`,
      );
    }
    return parts.join(' ');
  }

  private frameBound(ctx: T.FrameBoundContext, scope: Scope): string {
    if (ctx instanceof T.UnboundedFrameContext)
      return ctx.KW_PRECEDING() ? 'UNBOUNDED PRECEDING' : 'UNBOUNDED FOLLOWING';
    if (ctx instanceof T.CurrentRowBoundContext) return 'CURRENT ROW';
    if (ctx instanceof T.BoundedFrameContext)
      return `${this.expression(ctx.expression(), scope).sql} ${ctx.KW_PRECEDING() ? 'PRECEDING' : 'FOLLOWING'}`;
    return this.unsupported(ctx, 'This window frame').sql;
  }

  // ---- casts ------------------------------------------------------------------------------------

  private cast(ctx: T.CastContext, scope: Scope): Expr {
    const value = this.expression(ctx.expression(), scope);
    const target = this.castType(ctx.type());
    const tryCast = ctx.KW_TRY_CAST() !== null;
    const keyword = tryCast ? 'TRY_CAST' : 'CAST';
    if (!target) return { sql: 'NULL', type: UNKNOWN, constant: true };
    if (value.text !== undefined && (target.type.kind === 'timestamp' || target.type.kind === 'date')) {
      const text = target.type.kind === 'timestamp' ? parseTimestampText(value.text) : parseDateText(value.text);
      if (text === undefined) {
        if (!tryCast) this.fail(ctx, `Value cannot be cast to ${target.type.kind}: ${value.text}`);
        return { sql: `CAST(NULL AS ${target.sql})`, type: target.type, constant: true };
      }
      return { sql: `${target.sql} ${literal(text)}`, type: target.type, constant: true };
    }
    if (value.type.kind === 'json') {
      if (target.type.kind === 'json') return value;
      if (target.type.kind === 'map' || target.type.kind === 'array' || target.type.kind === 'row')
        return this.unsupported(ctx, `Cast from json to ${typeName(target.type)}`);
      // A JSON scalar's value, unquoted, as Trino's cast from json yields it.
      return {
        sql: `${keyword}(trino_json_extract_scalar(${value.sql}, '$') AS ${target.sql})`,
        type: target.type,
        constant: value.constant,
      };
    }
    if (target.type.kind === 'json') {
      if (value.type.kind === 'unknown') return { ...value, type: JSON_TYPE };
      return this.unsupported(ctx, `Cast from ${typeName(value.type)} to json`);
    }
    return { sql: `${keyword}(${value.sql} AS ${target.sql})`, type: target.type, constant: value.constant };
  }

  /** A Trino type as a DuckDB type; undefined (after recording the failure) when it has none. */
  private castType(ctx: T.TypeContext): { sql: string; type: LakeType } | undefined {
    if (ctx instanceof T.DateTimeTypeContext) return { sql: 'TIMESTAMP', type: TIMESTAMP };
    if (ctx instanceof T.TimeTypeContext) return { sql: 'TIME', type: { kind: 'time' } };
    if (ctx instanceof T.DoublePrecisionTypeContext) return { sql: 'DOUBLE', type: DOUBLE };
    if (ctx instanceof T.ArrayTypeContext || ctx instanceof T.LegacyArrayTypeContext) {
      const element = this.castType(ctx.type());
      return element ? { sql: `${element.sql}[]`, type: { kind: 'array', element: element.type } } : undefined;
    }
    if (ctx instanceof T.LegacyMapTypeContext) {
      const [key, value] = ctx.type_().map((type) => this.castType(type));
      return key && value
        ? { sql: `MAP(${key.sql}, ${value.sql})`, type: { kind: 'map', key: key.type, value: value.type } }
        : undefined;
    }
    if (ctx instanceof T.RowTypeContext) {
      const fields: [string, { sql: string; type: LakeType }][] = [];
      for (const field of ctx.rowField()) {
        const id = field.identifier();
        const type = this.castType(field.type());
        if (!id || !type) {
          this.unsupported(field, 'A row type with unnamed fields');
          return undefined;
        }
        fields.push([this.identifier(id), type]);
      }
      return {
        sql: `STRUCT(${fields.map(([name, type]) => `${quote(name)} ${type.sql}`).join(', ')})`,
        type: { kind: 'row', fields: new Map(fields.map(([name, type]) => [name.toLowerCase(), type.type])) },
      };
    }
    if (ctx instanceof T.IntervalTypeContext) {
      this.unsupported(ctx, 'A cast to an interval type');
      return undefined;
    }
    if (!(ctx instanceof T.GenericTypeContext)) {
      this.unsupported(ctx, 'This type');
      return undefined;
    }
    const name = this.identifier(ctx.identifier()).toLowerCase();
    const parameters = ctx.typeParameter();
    const types = parameters.map((parameter) => {
      const nested = parameter.type();
      return nested ? this.castType(nested) : undefined;
    });
    switch (name) {
      case 'varchar':
      case 'char':
      case 'string':
        return { sql: 'VARCHAR', type: VARCHAR };
      case 'bigint':
        return { sql: 'BIGINT', type: BIGINT };
      case 'integer':
      case 'int':
        return { sql: 'INTEGER', type: INTEGER };
      case 'smallint':
        return { sql: 'SMALLINT', type: INTEGER };
      case 'tinyint':
        return { sql: 'TINYINT', type: INTEGER };
      case 'double':
        return { sql: 'DOUBLE', type: DOUBLE };
      case 'real':
        return { sql: 'FLOAT', type: DOUBLE };
      case 'boolean':
        return { sql: 'BOOLEAN', type: BOOLEAN };
      case 'date':
        return { sql: 'DATE', type: DATE };
      case 'json':
        return { sql: 'VARCHAR', type: JSON_TYPE };
      case 'uuid':
        return { sql: 'UUID', type: VARCHAR };
      case 'decimal': {
        const [precision = '38', scale = '0'] = parameters.map(
          (parameter) => parameter.INTEGER_VALUE()?.getText() ?? '',
        );
        return {
          sql: `DECIMAL(${precision}, ${scale})`,
          type: { kind: 'decimal', precision: Number(precision), scale: Number(scale) },
        };
      }
      case 'array': {
        const element = types[0];
        return element ? { sql: `${element.sql}[]`, type: { kind: 'array', element: element.type } } : undefined;
      }
      case 'map': {
        const [key, value] = types;
        return key && value
          ? { sql: `MAP(${key.sql}, ${value.sql})`, type: { kind: 'map', key: key.type, value: value.type } }
          : undefined;
      }
      default:
        this.unsupported(ctx, `Type ${name}`);
        return undefined;
    }
  }
}

const MYSQL_FORMAT: Record<string, string> = {
  a: '%a',
  b: '%b',
  c: '%-m',
  d: '%d',
  e: '%-d',
  f: '%f',
  H: '%H',
  h: '%I',
  I: '%I',
  i: '%M',
  j: '%j',
  k: '%-H',
  l: '%-I',
  M: '%B',
  m: '%m',
  p: '%p',
  r: '%I:%M:%S %p',
  S: '%S',
  s: '%S',
  T: '%H:%M:%S',
  W: '%A',
  Y: '%Y',
  y: '%y',
  '%': '%%',
};

/** A MySQL date format (Trino's date_parse) as a strftime format (DuckDB's strptime). */
function mysqlToStrftime(format: string): string {
  return format.replace(/%(.)/g, (whole, letter: string) => MYSQL_FORMAT[letter] ?? whole);
}

/** A constant the engine can evaluate as a TIMESTAMP: a bound on eventTime. */
function isTimeConstant(value: Expr): boolean {
  return value.constant && ['timestamp', 'date', 'unknown'].includes(value.type.kind) && value.sql !== 'NULL';
}

/** Several bounds on one side as one expression: the tightest (greatest/least) or the hull. */
function combine(bounds: readonly ScanBound[], fold: 'greatest' | 'least'): ScanBound | undefined {
  const first = bounds[0];
  if (!first) return undefined;
  if (bounds.length === 1) return { sql: first.sql, inclusive: first.inclusive };
  const distinct = [...new Set(bounds.map((bound) => bound.sql))];
  // When inclusive and exclusive bounds mix, inclusive is the safe choice: it can only add the
  // records exactly at the bound to the scan set, never leave out a matched one.
  const inclusive = bounds.some((bound) => bound.inclusive);
  return { sql: distinct.length === 1 ? (distinct[0] ?? first.sql) : `${fold}(${distinct.join(', ')})`, inclusive };
}
