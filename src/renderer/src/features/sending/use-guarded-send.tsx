import { useState, type ReactNode } from 'react';
import type { HelpCrunchEvent } from '../../../../shared/event.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useSendEvent } from '../../api/hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

/** How one send goes: `againstPlan` after the user confirmed sending despite the tracking plan's warning. */
export interface SendChoices {
  onSettled?: () => void;
  againstPlan?: boolean;
}

/**
 * Sending with the duplicate guard: when main says the same event was already delivered, the user
 * is asked (send again / cancel) before a second event is created in the customer's profile.
 */
export function useGuardedSend(): {
  send: (event: HelpCrunchEvent, options?: SendChoices) => void;
  mutation: ReturnType<typeof useSendEvent>;
  dialog: ReactNode;
  /** The duplicate warning waiting for an answer (null when none). */
  duplicate: string | null;
} {
  const t = useT();
  const words = useFailureWords();
  const mutation = useSendEvent();
  const [pending, setPending] = useState<{ event: HelpCrunchEvent; message: string; onSettled?: () => void; againstPlan?: boolean } | null>(null);
  const send = (event: HelpCrunchEvent, options: SendChoices = {}) => {
    const againstPlan = options.againstPlan === true;
    mutation.mutate(
      { event, again: false, againstPlan },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'duplicate') setPending({ event, message: words(error).message, againstPlan, ...(options.onSettled ? { onSettled: options.onSettled } : {}) });
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
      // Why it is a duplicate (main's reason, in the window's language), then the warning.
      message={`${pending?.message ?? ''} ${t('sending.againWarning', { name: pending?.event.name ?? '' })}`}
      confirmLabel={t('sending.sendAgain')}
      onConfirm={() => {
        const current = pending!;
        setPending(null);
        mutation.mutate({ event: current.event, again: true, againstPlan: current.againstPlan === true }, { onSettled: () => current.onSettled?.() });
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
