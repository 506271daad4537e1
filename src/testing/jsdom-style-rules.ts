// jsdom's getComputedStyle matches every rule of every style sheet against the element, its
// built-in HTML style sheet included (about 110 rules), through a general selector engine, and
// forgets everything at the next change of the page. Cloudscape asks for computed styles at every
// layout effect, Testing Library for every element whose accessible name it computes: measured,
// a third of the time of a test over a table, and three quarters once the SQL editor had added
// its style sheet to the page. A browser first looks at the last compound of each selector
// (its subject): a rule for `div` or `.cm-line` cannot match a `span` without those, whatever
// comes before. The same filter runs here in front of jsdom's matcher, so only rules that could
// match are matched; the answers are the same (jsdom-style-rules.test.ts compares them).

/** The parts of jsdom's element implementation the filter reads. */
interface ElementImpl {
  readonly namespaceURI: string | null;
  readonly localName: string;
  getAttributeNS(namespace: string | null, name: string): string | null;
}
type Check = (selectors: string, element: ElementImpl, options?: unknown) => { match: boolean; ast: unknown };
interface DomSelector {
  check: Check;
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** Splits at separators outside parentheses, brackets and quotes. */
function splitTopLevel(text: string, isSeparator: (c: string) => boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && isSeparator(c)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** What an element must have for one selector of a rule's list to possibly match it. */
type Subject =
  | { kind: 'type'; names: ReadonlySet<string>; certain: boolean }
  | { kind: 'attribute'; name: string }
  | { kind: 'class'; name: string }
  | { kind: 'never' }
  | { kind: 'any' };

function subjectOf(selector: string): Subject {
  const compounds = splitTopLevel(
    selector,
    (c) => c === ' ' || c === '\n' || c === '\t' || c === '>' || c === '+' || c === '~',
  );
  const subject = compounds[compounds.length - 1] ?? '';
  // jsdom computes no style for pseudo-elements: such a rule never applies to the element.
  if (subject.includes('::')) return { kind: 'never' };
  // Not followed by `|` (a namespace prefix) or `\\` (an escape): those the matcher handles alone.
  const type = /^-?[a-zA-Z_][\w-]*(?![\w\\|-])/.exec(subject)?.[0];
  if (type !== undefined)
    return { kind: 'type', names: new Set([type.toLowerCase()]), certain: compounds.length === 1 && type === subject };
  const names = /^:is\(([a-zA-Z\d\s,-]+)\)$/.exec(subject)?.[1];
  if (names !== undefined)
    return {
      kind: 'type',
      names: new Set(names.split(',').map((name) => name.trim().toLowerCase())),
      certain: compounds.length === 1,
    };
  if (/^:(link|visited|any-link)(?![\w-])/.test(subject))
    return { kind: 'type', names: new Set(['a', 'area']), certain: false };
  const attribute = /^\[\s*(-?[a-zA-Z_][\w-]*)\s*(?:[\]=~^$*]|\|=)/.exec(subject)?.[1];
  if (attribute !== undefined) return { kind: 'attribute', name: attribute.toLowerCase() };
  const className = /^\.(-?[a-zA-Z_][\w-]*)(?![\w\\-])/.exec(subject)?.[1];
  if (className !== undefined) return { kind: 'class', name: className };
  return { kind: 'any' };
}

function hasClass(element: ElementImpl, name: string): boolean {
  const classes = element.getAttributeNS(null, 'class');
  return classes !== null && classes.split(/[\t\n\f\r ]+/).includes(name);
}

const filtered = new WeakSet<DomSelector>();

/**
 * Puts the subject filter in front of the style-rule matcher of `document` (a jsdom document).
 * False when this jsdom has no such matcher: styles are then computed unfiltered, only slower.
 */
export function filterStyleRulesBySubject(document: Document): boolean {
  const implSymbol = Object.getOwnPropertySymbols(document).find((symbol) => symbol.description === 'impl');
  const documentImpl: unknown = implSymbol === undefined ? undefined : Reflect.get(document, implSymbol);
  const getDomSelector: unknown =
    documentImpl instanceof Object ? Reflect.get(documentImpl, '_getDOMSelector') : undefined;
  if (typeof getDomSelector !== 'function') return false;
  const domSelector = getDomSelector.call(documentImpl) as DomSelector;
  if (typeof domSelector.check !== 'function') return false;
  if (filtered.has(domSelector)) return true;
  filtered.add(domSelector);

  const check = domSelector.check;
  const rules = new Map<string, Subject[]>();
  // The parsed selector list comes back with a match; it is the same for every element.
  const matchedAsts = new Map<string, unknown>();
  domSelector.check = (selectors, element, options) => {
    // Type selectors ignore case only for HTML elements.
    if (element.namespaceURI !== HTML_NAMESPACE) return check(selectors, element, options);
    let subjects = rules.get(selectors);
    if (subjects === undefined)
      rules.set(selectors, (subjects = splitTopLevel(selectors, (c) => c === ',').map(subjectOf)));
    let possible = false;
    for (const subject of subjects) {
      if (subject.kind === 'any') possible = true;
      else if (subject.kind === 'attribute') possible ||= element.getAttributeNS(null, subject.name) !== null;
      else if (subject.kind === 'class') possible ||= hasClass(element, subject.name);
      else if (subject.kind === 'type' && subject.names.has(element.localName)) {
        if (subject.certain && matchedAsts.has(selectors))
          return { match: true, ast: matchedAsts.get(selectors), pseudoElement: null };
        possible = true;
      }
    }
    if (!possible) return { match: false, ast: null, pseudoElement: null };
    const result = check(selectors, element, options);
    if (result.match) matchedAsts.set(selectors, result.ast);
    return result;
  };
  return true;
}
