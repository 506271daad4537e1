import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, toggleComment } from '@codemirror/commands';
import { sql, SQLDialect } from '@codemirror/lang-sql';
import {
  bracketMatching,
  defaultHighlightStyle,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, useSyncExternalStore, type Ref } from 'react';
import { formatSql } from './format-sql';
import { LAKE_KEYWORDS, LAKE_TYPES } from './lake-schema';
import { lakeCompletionSource, type CompletionStore } from './sql-completion';

/** What the page can do to the editor. */
export interface SqlEditorHandle {
  /** Replaces the whole statement (undoable). */
  setText: (text: string) => void;
  /** Inserts text at the cursor, replacing any selection, and focuses the editor. */
  insert: (text: string) => void;
  /** Lays the statement out; when the formatter cannot parse it, the text stays and onFormatError hears why. */
  format: () => void;
  /** Comments or uncomments the lines of the selection. */
  toggleComment: () => void;
  /** Puts the cursor at a 1-based line and column, as error messages count them. */
  goTo: (line: number, column: number) => void;
}

export interface SqlEditorProps {
  ref: Ref<SqlEditorHandle>;
  /** The accessible name of the editing area. */
  label: string;
  /** Id of an element that describes the editor (its keyboard shortcuts). */
  describedBy?: string;
  /** The statement at mount; later changes go through the handle. */
  initialValue: string;
  stores: readonly CompletionStore[];
  onChange: (text: string) => void;
  /** Runs the statement; it comes from the editor itself, as React state may lag a keystroke behind. */
  onRun: (text: string) => void;
  onFormatError: (error: unknown) => void;
}

const dialect = SQLDialect.define({ keywords: LAKE_KEYWORDS, types: LAKE_TYPES, caseInsensitiveIdentifiers: true });

// The default highlight colours are for light backgrounds; in Cloudscape's dark mode the same
// roles get light tints, so both keep their contrast.
const DARK_COLOURS: Readonly<Record<string, string>> = {
  '#404740': '#c2cbc2',
  '#708': '#e2a8ff',
  '#219': '#a8bfff',
  '#164': '#8be3b0',
  '#a11': '#ffa3a3',
  '#e40': '#ffb07a',
  '#00f': '#9bbcff',
  '#30a': '#cbb0ff',
  '#085': '#7fe0bb',
  '#167': '#8ad9d9',
  '#256': '#a6cdea',
  '#00c': '#a3bbff',
  '#940': '#e8bb7f',
  '#f00': '#ff7b7b',
};
const lightHighlight = HighlightStyle.define(defaultHighlightStyle.specs, { themeType: 'light' });
const darkHighlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) =>
    typeof spec.color === 'string' ? { ...spec, color: DARK_COLOURS[spec.color] ?? spec.color } : spec,
  ),
  { themeType: 'dark' },
);

const baseTheme = EditorView.theme({
  '&': { border: '1px solid #8c8c94', borderRadius: '8px', fontSize: '14px', minHeight: '200px' },
  '&.cm-focused': { outline: '2px solid #0972d3', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'Monaco, Menlo, Consolas, "Courier Prime", Courier, "Courier New", monospace' },
  '.cm-content': { minHeight: '200px', caretColor: 'currentColor' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'currentColor' },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'inherit', opacity: 0.7, borderRight: '1px solid #8c8c94' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgba(127, 127, 127, 0.1)' },
});

/** Replaces the statement with its formatted layout (one undoable change). */
function formatIn(editor: EditorView, onError: (error: unknown) => void): boolean {
  try {
    const text = formatSql(editor.state.doc.toString());
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  } catch (error) {
    onError(error);
  }
  return true;
}

function modeTheme(dark: boolean) {
  return EditorView.theme(
    dark ? { '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: '#264f78' } } : {},
    { dark },
  );
}

// Cloudscape's mode is a class on <body>, set outside React: follow it so the colours match.
function subscribeToMode(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => {
    observer.disconnect();
  };
}

function useCloudscapeDarkMode(): boolean {
  return useSyncExternalStore(subscribeToMode, () => document.body.classList.contains('awsui-dark-mode'));
}

/** The SQL editor (CodeMirror 6): Lake highlighting and completion, format, comment toggle, run on Mod-Enter. */
export function SqlEditor({
  ref,
  label,
  describedBy,
  initialValue,
  stores,
  onChange,
  onRun,
  onFormatError,
}: SqlEditorProps) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const mode = useRef(new Compartment());
  const dark = useCloudscapeDarkMode();
  // The editor lives outside React: it reads the latest props through this ref.
  const latest = useRef({ stores, onChange, onRun, onFormatError, initialValue, dark });
  useEffect(() => {
    latest.current = { stores, onChange, onRun, onFormatError, initialValue, dark };
  });

  useEffect(() => {
    if (!parent.current) return;
    const editor = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: latest.current.initialValue,
        // A linked statement is continued at its end (`… FROM `, then a store).
        selection: { anchor: latest.current.initialValue.length },
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: (target) => {
                  latest.current.onRun(target.state.doc.toString());
                  return true;
                },
              },
              { key: 'Shift-Alt-f', run: (target) => formatIn(target, latest.current.onFormatError) },
            ]),
          ),
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ icons: false }),
          // No Tab binding: Tab keeps moving focus out of the editor, as everywhere else on the page.
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          sql({ dialect, upperCaseKeywords: true }),
          dialect.language.data.of({ autocomplete: lakeCompletionSource(() => latest.current.stores) }),
          syntaxHighlighting(lightHighlight),
          syntaxHighlighting(darkHighlight),
          baseTheme,
          mode.current.of(modeTheme(latest.current.dark)),
          placeholder('SELECT eventName, COUNT(*) FROM <event data store ID> GROUP BY eventName'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': label,
            ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [label, describedBy]);

  useEffect(() => {
    view.current?.dispatch({ effects: mode.current.reconfigure(modeTheme(dark)) });
  }, [dark]);

  useImperativeHandle(
    ref,
    () => ({
      setText: (text) => {
        const editor = view.current;
        if (!editor) return;
        editor.dispatch({
          changes: { from: 0, to: editor.state.doc.length, insert: text },
          selection: { anchor: text.length },
        });
      },
      insert: (text) => {
        const editor = view.current;
        if (!editor) return;
        editor.dispatch(editor.state.replaceSelection(text), { scrollIntoView: true });
        editor.focus();
      },
      format: () => {
        if (view.current) formatIn(view.current, latest.current.onFormatError);
      },
      toggleComment: () => {
        if (!view.current) return;
        toggleComment(view.current);
        view.current.focus();
      },
      goTo: (line, column) => {
        const editor = view.current;
        if (!editor) return;
        const target = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines));
        const anchor = Math.min(target.from + Math.max(0, column - 1), target.to);
        editor.dispatch({ selection: { anchor }, scrollIntoView: true });
        editor.focus();
      },
    }),
    [],
  );

  return <div ref={parent} />;
}
