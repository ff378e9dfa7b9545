import Editor from '@monaco-editor/react';
import { useColorScheme } from '../../app/use-color-scheme.ts';

interface DataEditorProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string;
}

/** Monaco for the event's `data`; JSON syntax errors get Monaco's own markers. */
export function DataEditor({ value, onChange, invalid, describedBy }: DataEditorProps) {
  const scheme = useColorScheme();
  return (
    <div className={`data-editor${invalid ? ' invalid' : ''}`} data-testid="data-editor" aria-describedby={describedBy}>
      <Editor
        height="100%"
        language="json"
        path="event-data.json"
        value={value}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(text) => onChange(text ?? '')}
        loading={<p className="muted">Loading editor…</p>}
        options={{
          ariaLabel: 'Event data (JSON object)',
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
    </div>
  );
}
