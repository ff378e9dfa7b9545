import { useState, type ReactNode } from 'react';
import { useProfiles } from '../../api/profile-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { useT } from '../../i18n/use-t.ts';

/**
 * In a profile marked "production", a send from the composer asks first and names the account;
 * elsewhere it goes at once. Returns the guard and the dialog to render.
 */
export function useProductionConfirm(): { guard: (send: () => void) => void; dialog: ReactNode } {
  const t = useT();
  const profiles = useProfiles();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const active = profiles.data?.profiles.find((profile) => profile.id === profiles.data?.active) ?? null;
  const guard = (send: () => void) => {
    if (active?.production) setPending(() => send);
    else send();
  };
  const dialog = (
    <ConfirmDialog
      isOpen={pending !== null}
      title={t('profiles.productionTitle', { name: active?.name ?? '' })}
      message={t('profiles.productionMessage', { name: active?.name ?? '' })}
      confirmLabel={active ? t('profiles.productionSendTo', { name: active.name }) : t('profiles.productionSend')}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const send = pending;
        setPending(null);
        send?.();
      }}
    />
  );
  return { guard, dialog };
}
