import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../../shared/api-surface.ts';
import type { Result } from '../../../shared/result.ts';
import { ApiError } from './api-error.ts';

const ApiContext = createContext<Api | null>(null);

/** Components get the API through this provider (window.api in the app, a fake in component tests). */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

export { ApiError };

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
