import { lazy, Suspense, useEffect, useState } from 'react';
import './data-editor.css';
import type { DataShape } from '../../../../shared/shape.ts';
import type { PlanCheck } from '../../../../shared/plan.ts';
import { useT } from '../../i18n/use-t.ts';

export interface DataEditorProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string;
  /** The usual shape of this event's data (learned from history): key completion and gentle warnings. */
  shape?: DataShape | undefined;
  /** What the tracking plan says about the draft: its violations become markers at their keys. */
  plan?: PlanCheck | undefined;
}

/** Monaco's line height at 13 px; the placeholder uses the same, so the box does not jump when Monaco arrives. */
const LINE_PX = 18;
/** About four lines at least (room to type), and at most about twenty (the Send button stays in view). */
export const EDITOR_MIN_PX = 4 * LINE_PX + 4;
export const EDITOR_MAX_PX = 20 * LINE_PX + 4;

/** The box's height for a content height: as tall as the text, within the minimum and the maximum. */
export function editorHeight(contentPx: number): number {
  return Math.min(EDITOR_MAX_PX, Math.max(EDITOR_MIN_PX, Math.ceil(contentPx) + 2));
}

let loading: Promise<typeof import('./monaco-data-editor.tsx')> | null = null;
/** Starts loading Monaco, its JSON language and worker setup (once). */
function loadMonaco() {
  return (loading ??= import('./monaco-data-editor.tsx'));
}
const MonacoDataEditor = lazy(loadMonaco);

/** Runs `callback` once the first frame is on screen and the main thread has a moment (or after 1 s). */
function afterFirstPaint(callback: () => void): () => void {
  let timer = 0;
  let idle = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(() => {
      idle = requestIdleCallback(callback, { timeout: 1000 });
    }, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    if (idle) cancelIdleCallback(idle);
  };
}

/**
 * The event's `data` editor. Monaco (≈ 3 MB) is not in the initial chunk: until it has loaded, a plain
 * text box of the same size shows the text and takes typing, so the first paint does not wait for
 * Monaco and the layout does not move when it arrives. Loading starts right after the first paint,
 * or at once when the box is focused; the editor then takes the focus and the cursor over.
 */
export function DataEditor(props: DataEditorProps) {
  const t = useT();
  const { value, onChange, invalid, describedBy } = props;
  const [wanted, setWanted] = useState(loading !== null);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  // Until Monaco measures its content (wrapped lines included), the line count is a close guess.
  const [contentPx, setContentPx] = useState<number | null>(null);
  const height = editorHeight(contentPx ?? value.split('\n').length * LINE_PX);

  useEffect(() => (wanted ? undefined : afterFirstPaint(() => setWanted(true))), [wanted]);

  const placeholder = (
    <textarea
      className="data-editor-placeholder"
      value={value}
      spellCheck={false}
      aria-label={t('composer.dataLabel')}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onFocus={(event) => {
        setFocusAt(event.currentTarget.selectionStart);
        setWanted(true);
      }}
      onBlur={() => setFocusAt(null)}
      onSelect={(event) => setFocusAt(event.currentTarget.selectionStart)}
      onChange={(event) => {
        setFocusAt(event.currentTarget.selectionStart);
        onChange(event.currentTarget.value);
      }}
    />
  );

  return (
    <div className={`data-editor${invalid ? ' invalid' : ''}`} data-testid="data-editor" aria-describedby={describedBy} style={{ height }}>
      {wanted ? (
        <Suspense fallback={placeholder}>
          <MonacoDataEditor value={value} onChange={onChange} shape={props.shape} plan={props.plan} focusAt={focusAt} onContentHeight={setContentPx} loading={<pre className="data-editor-placeholder" aria-hidden="true">{value}</pre>} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
