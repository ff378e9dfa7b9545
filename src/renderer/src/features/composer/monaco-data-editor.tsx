import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { shapeWarnings, type DataShape } from '../../../../shared/shape.ts';
import { checkTemplate, inputsUsed } from '../../../../shared/template.ts';
import { useColorScheme } from '../../app/use-color-scheme.ts';
import { useFormat } from '../../format.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';
// Monaco, its JSON language and its workers: loaded with this chunk, never in the initial one.
import '../../monaco/setup.ts';
import type { DataEditorProps } from './data-editor.tsx';
import { jsonPaths, rangeOf, type TextRange } from './json-paths.ts';
import type { PlanCheck } from '../../../../shared/plan.ts';

interface MonacoDataEditorProps extends Omit<DataEditorProps, 'invalid' | 'describedBy'> {
  /** Where the cursor was in the placeholder when it had focus: the editor takes focus there. */
  focusAt: number | null;
  /** Shown while Monaco creates the editor: the same box as before, so nothing moves. */
  loading: ReactNode;
  /** The height Monaco needs for all of its content, wrapped lines included: the box grows with it. */
  onContentHeight: (px: number) => void;
}

type Monaco = Parameters<OnMount>[1];
type CodeEditor = Parameters<OnMount>[0];

/**
 * Monaco for the event's `data`; JSON syntax errors get Monaco's own markers. With a learned shape,
 * the usual keys are offered as completions and a draft that differs gets warnings (never a block).
 * Loaded on demand by data-editor.tsx (React.lazy), which shows a plain box until then.
 */
export default function MonacoDataEditor({ value, onChange, shape, plan, focusAt, loading, onContentHeight }: MonacoDataEditorProps) {
  const scheme = useColorScheme();
  const t = useT();
  const format = useFormat();
  // The completion provider is registered once, at mount: it reads the current language through a ref.
  const wordsRef = useRef({ t, format });
  const monacoRef = useRef<Monaco | null>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const shapeRef = useRef<DataShape | undefined>(shape);

  useEffect(() => {
    shapeRef.current = shape;
  }, [shape]);
  useEffect(() => {
    wordsRef.current = { t, format };
  }, [t, format]);

  // Warnings as Monaco markers, at the key they are about (the first line for a missing key).
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    let data: unknown;
    try {
      data = JSON.parse(value);
    } catch {
      monaco.editor.setModelMarkers(model, 'event-desk-shape', []);
      monaco.editor.setModelMarkers(model, 'event-desk-template', []);
      return;
    }
    const warnings = shape && data !== null && typeof data === 'object' && !Array.isArray(data) ? shapeWarnings(shape, data as Record<string, unknown>) : [];
    // Template placeholders are checked where they are typed: the placeholder itself is marked.
    const declared = inputsUsed(data).map((key) => ({ key, label: key, type: 'text' as const, required: false, choices: [] }));
    const templateProblems = value.includes('{{') ? checkTemplate(data, declared) : [];
    monaco.editor.setModelMarkers(
      model,
      'event-desk-template',
      templateProblems.map((problem) => {
        const at = problem.token ? value.indexOf(problem.token) : -1;
        const start = model.getPositionAt(at === -1 ? 0 : at);
        const end = model.getPositionAt(at === -1 ? 1 : at + problem.token!.length);
        return { severity: monaco.MarkerSeverity.Error, message: t('composer.templateProblem', { problem: problem.message }), startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
      }),
    );
    monaco.editor.setModelMarkers(
      model,
      'event-desk-shape',
      warnings.map((warning) => {
        const at = value.indexOf(`"${warning.key}"`);
        const start = model.getPositionAt(at === -1 ? 0 : at);
        const end = model.getPositionAt(at === -1 ? 1 : at + warning.key.length + 2);
        return { severity: monaco.MarkerSeverity.Warning, message: warning.message, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
      }),
    );
  }, [value, shape, t]);

  // The tracking plan's violations at the key they are about (a missing key: its object), in the rule's words.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (monacoRef.current && model) planMarkers(monacoRef.current, model, value, plan, t);
  }, [value, plan, t]);

  const onMount: OnMount = (editor, monaco) => {
    // The plan's verdict may have come before Monaco did.
    planMarkers(monaco, editor.getModel()!, value, plan, t);
    editorRef.current = editor;
    // A marker for tests (and nothing else): the editor has replaced its placeholder.
    document.body.dataset.editorReady = 'true';
    monacoRef.current = monaco;
    const provider = monaco.languages.registerCompletionItemProvider('json', {
      triggerCharacters: ['"'],
      provideCompletionItems: (model: ReturnType<CodeEditor['getModel']> & object, position: { lineNumber: number; column: number }) => {
        const current = shapeRef.current;
        if (!current || current.sample === 0 || model !== editor.getModel()) return { suggestions: [] };
        const word = model.getWordUntilPosition(position);
        const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        return {
          suggestions: current.keys.map((key, index) => ({
            label: key.key,
            kind: monaco.languages.CompletionItemKind.Property,
            detail: wordsRef.current.t('composer.keyShare', { kinds: key.kinds.join(' | '), percent: wordsRef.current.format.number(Math.round(key.share * 100)) }),
            insertText: key.key,
            range,
            sortText: String(index).padStart(3, '0'),
          })),
        };
      },
    });
    // automaticLayout follows the box; the box follows the content (data-editor.tsx clamps it).
    onContentHeight(editor.getContentHeight());
    const sizing = editor.onDidContentSizeChange((change) => {
      if (change.contentHeightChanged) onContentHeight(change.contentHeight);
    });
    editor.onDidDispose(() => {
      provider.dispose();
      sizing.dispose();
    });
    if (focusAt !== null) {
      editor.setPosition(editor.getModel()!.getPositionAt(focusAt));
      editor.focus();
    }
  };

  // The box around it (size, border, test id) is data-editor.tsx's, shared with the placeholder.
  return (
    <Editor
      height="100%"
      language="json"
      path="event-data.json"
      value={value}
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      onChange={(text) => onChange(text ?? '')}
      onMount={onMount}
      loading={loading}
      options={{
        ariaLabel: t('composer.dataLabel'),
        minimap: { enabled: false },
        lineNumbers: 'on',
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        renderLineHighlight: 'none',
        fixedOverflowWidgets: true,
      }}
    />
  );
}

/** Sets the plan's markers on the model: errors for a block, warnings for a warning, none when it is ok. */
function planMarkers(monaco: Monaco, model: NonNullable<ReturnType<CodeEditor['getModel']>>, value: string, plan: PlanCheck | undefined, t: Translate): void {
  const violations = plan && plan.verdict !== 'ok' ? plan.violations.filter((violation) => violation.path === 'data' || violation.path.startsWith('data.') || violation.path.startsWith('data[')) : [];
  const paths = violations.length > 0 ? jsonPaths(value) : new Map<string, TextRange>();
  const severity = plan?.verdict === 'block' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning;
  monaco.editor.setModelMarkers(
    model,
    'event-desk-plan',
    violations.flatMap((violation) => {
      const range = rangeOf(paths, violation.path);
      if (!range) return [];
      const start = model.getPositionAt(range.start);
      const end = model.getPositionAt(range.end);
      const message = t(plan?.verdict === 'block' ? 'composer.planMarkerBlock' : 'composer.planMarkerWarn', { path: violation.path, message: violation.message });
      return [{ severity, message, source: 'event-desk-plan', startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }];
    }),
  );
}
