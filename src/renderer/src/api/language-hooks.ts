import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../shared/i18n/locale.ts';
import { unwrap, useApi } from './api-context.tsx';

/** The window's language and where it comes from (main decides: EVENT_DESK_LANG, Settings, the system). */
export function useLanguage() {
  const api = useApi();
  return useQuery({ queryKey: ['language'], queryFn: () => unwrap(api.app.language(undefined)) });
}

/** Keeps the person's choice (null: follow the system); every window switches at once. */
export function useChooseLanguage() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale | null) => unwrap(api.app.setLanguage({ locale })),
    onSuccess: (answer) => client.setQueryData(['language'], answer),
  });
}
