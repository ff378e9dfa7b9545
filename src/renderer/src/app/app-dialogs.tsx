import type { ComponentProps } from 'react';
import type { OutboxDialog } from '../features/outbox/outbox-dialog.tsx';
import type { ProfileSwitcher } from '../features/profiles/profile-switcher.tsx';
import type { QuickOpen } from '../features/library/quick-open.tsx';
import type { SaveDialog } from '../features/library/save-dialog.tsx';
import type { SendManyDialog } from '../features/library/send-many-dialog.tsx';
import type { SettingsDialog } from '../features/settings/settings-dialog.tsx';
import { outboxDialog, profileSwitcher, quickOpen, saveDialog, sendManyDialog, settingsDialog } from './lazy-parts.ts';
import { MountOnceOpened } from './on-first-use.tsx';

export interface AppDialogsProps {
  settings: ComponentProps<typeof SettingsDialog>;
  save: ComponentProps<typeof SaveDialog>;
  quickOpen: ComponentProps<typeof QuickOpen>;
  switcher: ComponentProps<typeof ProfileSwitcher>;
  outbox: ComponentProps<typeof OutboxDialog>;
  sendMany: ComponentProps<typeof SendManyDialog>;
}

/** The app's modal dialogs, each loaded the first time it opens (none is on the first screen). */
export function AppDialogs(props: AppDialogsProps) {
  return (
    <>
      <MountOnceOpened open={props.settings.isOpen}>
        <settingsDialog.Component {...props.settings} />
      </MountOnceOpened>
      <MountOnceOpened open={props.save.source !== null}>
        <saveDialog.Component {...props.save} />
      </MountOnceOpened>
      <MountOnceOpened open={props.quickOpen.isOpen}>
        <quickOpen.Component {...props.quickOpen} />
      </MountOnceOpened>
      <MountOnceOpened open={props.switcher.isOpen}>
        <profileSwitcher.Component {...props.switcher} />
      </MountOnceOpened>
      <MountOnceOpened open={props.outbox.isOpen}>
        <outboxDialog.Component {...props.outbox} />
      </MountOnceOpened>
      <MountOnceOpened open={props.sendMany.saved !== null}>
        <sendManyDialog.Component {...props.sendMany} />
      </MountOnceOpened>
    </>
  );
}
