import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from '../api/api-context.tsx';
import { LanguageRoot } from '../i18n/language-root.tsx';
import { App } from './app.tsx';

/** Renders the app into `container` (under the static shell, which it removes when its header is whole). */
export function startApp(container: HTMLElement): void {
  // bench/first-paint.ts: the app's code is loaded and React starts rendering.
  performance.mark('app-start');
  // Main is the source of truth and pushes changes, so cached data never needs background refetching.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  createRoot(container).render(
    <StrictMode>
      <ApiProvider api={window.api}>
        <QueryClientProvider client={queryClient}>
          <LanguageRoot>
            <App />
          </LanguageRoot>
        </QueryClientProvider>
      </ApiProvider>
    </StrictMode>,
  );
}
