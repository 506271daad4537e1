import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { filterStyleRulesBySubject } from './jsdom-style-rules';

// Rules of the kinds the console's pages meet (the SQL editor's class rules, Cloudscape's inline
// styles) next to jsdom's own HTML style sheet, and the selector forms the filter must pass on.
const PAGE = `<!doctype html><html><head><style>
  .cm-editor .cm-line { color: rgb(1, 2, 3); }
  .cm-line { visibility: hidden; }
  div.panel > span { display: none; }
  [data-state='closed'] { display: none; }
  [data-tone|=warn] { color: rgb(200, 100, 0); }
  [DATA-UPPER] { color: rgb(9, 9, 9); }
  :is(ul, ol) li.item { color: rgb(4, 5, 6); }
  #unique, *.starred { color: rgb(7, 8, 9); }
  p:first-child, p::first-line { color: rgb(10, 11, 12); }
  .escaped\\:name { display: none; }
  svg|rect, rect { visibility: hidden; }
  a:link, a:visited { color: rgb(0, 0, 238); }
  :not(.quiet) > em { color: rgb(13, 14, 15); }
</style></head><body>
  <div class="cm-editor"><div class="cm-line">select 1</div><div class="cm-line other">x</div></div>
  <div class="panel"><span>hidden by its parent rule</span><b><span>kept</span></b></div>
  <section data-state="closed"><p>first</p><p>second</p></section>
  <span data-tone="warn-strong">tone</span><span data-upper="1">upper</span>
  <ul><li class="item">one</li><li>two</li></ul><ol><li class="item">three</li></ol>
  <i id="unique">id</i><i class="starred">star</i><i class="escaped:name">escaped</i>
  <a href="/x">link</a><a>anchor</a><area href="/y">
  <div class="quiet"><em>quiet</em></div><div><em>loud</em></div>
  <dialog>closed</dialog><dialog open>open</dialog><details><summary>s</summary><p>body</p></details>
  <table><thead><tr><th>h</th></tr></thead><tbody hidden><tr><td>d</td></tr></tbody></table>
  <input type="hidden"><input type="checkbox"><button style="display: none">b</button>
  <div hidden>hidden</div><div hidden="until-found">found</div><div dir="rtl"><bdi>bdi</bdi></div>
  <svg><rect></rect><g><text>t</text></g></svg><noscript>n</noscript><template><p>t</p></template>
</body></html>`;

function computedStyles(dom: JSDOM): string[] {
  const { window } = dom;
  return [...window.document.querySelectorAll('*')].map((element) => {
    const style = window.getComputedStyle(element);
    const properties = Array.from({ length: style.length }, (_, i) => style.item(i));
    return `${element.tagName} ${properties.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';')}`;
  });
}

describe('filterStyleRulesBySubject', () => {
  it('computes the same style for every element as jsdom alone', () => {
    const plain = new JSDOM(PAGE);
    const filtered = new JSDOM(PAGE);
    expect(filterStyleRulesBySubject(filtered.window.document)).toBe(true);

    const expected = computedStyles(plain);
    expect(computedStyles(filtered)).toEqual(expected);
    // The page exercises both outcomes of the rules above, so the comparison means something.
    expect(expected.join('\n')).toMatch(/LI .*color:rgb\(4, 5, 6\)/);
    expect(expected.join('\n')).toMatch(/SPAN .*display:none/);

    // After a change the cache is dropped, and the answers still agree.
    for (const dom of [plain, filtered]) {
      const line = dom.window.document.querySelector('.other');
      line?.classList.remove('cm-line');
      dom.window.document.querySelector('section')?.setAttribute('data-state', 'open');
    }
    expect(computedStyles(filtered)).toEqual(computedStyles(plain));
  });
});
