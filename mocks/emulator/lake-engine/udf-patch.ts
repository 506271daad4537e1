// duckdb-wasm 1.32.0 returns VARCHAR results of JavaScript scalar UDFs as NUL bytes (upstream
// duckdb-wasm issues #1720 and #1882). Its glue (callScalarUDF in udf_runtime.ts) writes each
// result string's offset relative to the string buffer where DuckDB expects an absolute heap
// address, and writes it through a typed view taken before a later `_malloc` that may grow (and
// so detach) the wasm memory. The fix rewrites that one store in the minified bundle as
// `mod.HEAPF64[dataPtr / 8 + row] = stringsPtr + offset`, through the live heap view.
//
// A second, smaller rewrite: the glue fails a call with "Can't create physical arrays for result"
// when the result view was detached by the validity buffer's `_malloc`; VARCHAR results no longer
// write through that view, so the check is skipped for them.
//
// The code is matched by shape, not by minified names, and every match must be unique: if an
// upgrade changes the code, patching throws instead of silently shipping the bug.

/** Files of @duckdb/duckdb-wasm that hold the blocking bindings' UDF glue. */
export const PATCHED_DUCKDB_FILES = ['duckdb-node-blocking.cjs', 'duckdb-browser-blocking.mjs'] as const;

/** Set in the patched glue, so a second patch is a no-op and tests can tell it was applied. */
export const UDF_PATCH_MARK = '/*lake-udf-patch*/';

const ID = String.raw`[\w$]+`;

function onlyMatch(code: string, pattern: RegExp, what: string): RegExpExecArray {
  const matches = [...code.matchAll(new RegExp(pattern.source, 'g'))];
  const [first] = matches;
  if (matches.length !== 1 || first === undefined)
    throw new Error(
      `duckdb-wasm UDF patch: expected exactly one ${what} in the bundle, found ${String(matches.length)}. ` +
        'The package changed: check whether VARCHAR UDF results are still broken and update udf-patch.ts.',
    );
  return first;
}

function escape(name: string): string {
  return name.replaceAll('$', '\\$');
}

/** The bundle's text with the VARCHAR UDF result fix applied; throws if the code is not found. */
export function patchDuckDbUdfGlue(code: string): string {
  if (code.includes(UDF_PATCH_MARK)) return code;
  // `h=e._malloc(g),v=kt(e,h,u.ret.physicalType,u.rows)`: the result data buffer and its view.
  const data = onlyMatch(
    code,
    new RegExp(
      String.raw`(${ID})=(${ID})\._malloc\((${ID})\),(${ID})=${ID}\(\2,\1,(${ID})\.ret\.physicalType,\5\.rows\)`,
    ),
    'result buffer allocation',
  );
  const [, dataPtr = '', mod = '', , view = '', desc = ''] = data;
  const [m, v, d] = [escape(mod), escape(view), escape(desc)];

  // `let M=e._malloc(w),x=e.HEAPU8.subarray(M,M+w),G=0;for(let T=0;T<u.rows;++T){v[T]=G;`
  const strings = onlyMatch(
    code,
    new RegExp(
      String.raw`let (${ID})=${m}\._malloc\((${ID})\),(${ID})=${m}\.HEAPU8\.subarray\(\1,\1\+\2\),(${ID})=0;` +
        String.raw`for\(let (${ID})=0;\5<${d}\.rows;\+\+\5\)\{${v}\[\5\]=\4;`,
    ),
    'VARCHAR result offset store',
  );
  const [whole, stringsPtr = '', , , offset = '', row = ''] = strings;
  const fixedStore = `${UDF_PATCH_MARK}${mod}.HEAPF64[${dataPtr}/8+${row}]=${stringsPtr}+${offset};`;
  // Function replacers: minified names may contain `$`, which a replacement string would expand.
  let patched = code.replace(whole, () => whole.replace(`${view}[${row}]=${offset};`, () => fixedStore));

  // `if(v.length==0||b.length==0){Dt(e,r,"Can't create physical arrays for result");return}`
  const check = onlyMatch(
    patched,
    new RegExp(
      String.raw`if\(${v}\.length==0\|\|(${ID})\.length==0\)\{${ID}\(${m},${ID},"Can't create physical arrays for result"\);return\}`,
    ),
    'result view check',
  );
  const [checkText] = check;
  const fixedCheck = `(${view}.length==0&&${desc}.ret.physicalType!="VARCHAR")`;
  patched = patched.replace(checkText, () => checkText.replace(`${view}.length==0`, () => fixedCheck));
  return patched;
}
