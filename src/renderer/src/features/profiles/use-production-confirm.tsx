import { useState, type ReactNode } from 'react';
import { useProfiles } from '../../api/profile-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';

/**
 * In a profile marked "production", a send from the composer asks first and names the account;
 * elsewhere it goes at once. Returns the guard and the dialog to render.
 */
export function useProductionConfirm(): { guard: (send: () => void) => void; dialog: ReactNode } {
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
      title={`Send to the production account "${active?.name ?? ''}"?`}
      message={`This event goes to the real customer profile in "${active?.name ?? ''}". HelpCrunch cannot undo it.`}
      confirmLabel={`Send to ${active?.name ?? 'production'}`}
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
