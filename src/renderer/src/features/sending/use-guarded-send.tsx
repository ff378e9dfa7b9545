import { useState, type ReactNode } from 'react';
import type { HelpCrunchEvent } from '../../../../shared/event.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useSendEvent } from '../../api/hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { useT } from '../../i18n/use-t.ts';

/**
 * Sending with the duplicate guard: when main says the same event was already delivered, the user
 * is asked (send again / cancel) before a second event is created in the customer's profile.
 */
export function useGuardedSend(): {
  send: (event: HelpCrunchEvent, options?: { onSettled?: () => void }) => void;
  mutation: ReturnType<typeof useSendEvent>;
  dialog: ReactNode;
  /** The duplicate warning waiting for an answer (null when none). */
  duplicate: string | null;
} {
  const t = useT();
  const mutation = useSendEvent();
  const [pending, setPending] = useState<{ event: HelpCrunchEvent; message: string; onSettled?: () => void } | null>(null);
  const send = (event: HelpCrunchEvent, options: { onSettled?: () => void } = {}) => {
    mutation.mutate(
      { event, again: false },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'duplicate') setPending({ event, message: error.message, ...(options.onSettled ? { onSettled: options.onSettled } : {}) });
        },
        onSettled: (_data, error) => {
          if (!(error instanceof ApiError && error.code === 'duplicate')) options.onSettled?.();
        },
      },
    );
  };
  const dialog = (
    <ConfirmDialog
      isOpen={pending !== null}
      title={t('sending.againTitle')}
      // Main's own words first (why it is a duplicate), then the renderer's warning in the window's language.
      message={`${pending?.message ?? ''} ${t('sending.againWarning', { name: pending?.event.name ?? '' })}`}
      confirmLabel={t('sending.sendAgain')}
      onConfirm={() => {
        const current = pending!;
        setPending(null);
        mutation.mutate({ event: current.event, again: true }, { onSettled: () => current.onSettled?.() });
      }}
      onCancel={() => {
        pending?.onSettled?.();
        setPending(null);
        mutation.reset();
      }}
    />
  );
  return { send, mutation, dialog, duplicate: pending?.message ?? null };
}
