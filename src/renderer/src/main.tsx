// The stylesheets stay in this entry so that index.html links them in its <head>: the static shell there
// is drawn with them before any of the app's code has run. The first screen's features import their own
// too; imported here as well, they are in that first stylesheet, not loaded later with the app's code
// (where the shell, drawn without them, would not match the screen that replaces it).
import './app/styles.css';
import './features/composer/data-editor.css';
import './features/library/field-inputs.css';
import './app/shell.css';

/**
 * Runs `start` once the shell's first frame is on screen. React's first render of the whole window is one
 * long task (a few hundred milliseconds on a busy machine); run before that frame, it held the first paint
 * back. A hidden window, which may get no frames, starts at once.
 */
function afterFirstFrame(start: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  if (document.visibilityState === 'hidden') return once();
  requestAnimationFrame(() => setTimeout(once, 0));
  // Frames can stop without the page being hidden (a minimized window): the app starts regardless.
  setTimeout(once, 1000);
}

// The app's code (≈ 600 KB: React, React Aria, zod, the composer) is fetched and compiled while the shell
// paints; only rendering waits for the first frame.
const app = import('./app/start-app.tsx');
afterFirstFrame(() => {
  app
    .then(({ startApp }) => startApp(document.getElementById('root')!))
    .catch((error: unknown) => {
      // Without this the shell would say "Starting…" for ever.
      const status = document.querySelector('#app-shell .shell-status');
      status?.classList.add('failed');
      if (status) status.textContent = `Event Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
      throw error;
    });
});
