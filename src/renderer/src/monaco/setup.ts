import * as monaco from 'monaco-editor/editor';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';
// Hovers: a tracking-plan marker's words (and a JSON syntax error's) show when the pointer rests on the
// squiggle or Ctrl+K Ctrl+I is pressed. Only the hover contribution, not the whole editor's set.
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';

// Only the JSON language is loaded (the full Monaco is ~3x larger), and workers come from our own
// bundle: the CSP forbids any remote origin, and @monaco-editor/react would otherwise use a CDN.
self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });

// The event's data must be an object: show a marker on arrays, strings and the like, not just on syntax.
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  trailingCommas: 'error',
  schemas: [{ uri: 'event-desk://event-data.schema.json', fileMatch: ['event-data.json'], schema: { type: 'object' } }],
});

export { monaco };
