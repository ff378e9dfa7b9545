import { Button, Checkbox } from 'react-aria-components';
import type { UpdateStatus } from '../../../../shared/updates.ts';
import { useUpdateActions, useUpdates } from '../../api/update-hooks.ts';
import type { Translate } from '../../i18n/use-t.ts';
import { useT } from '../../i18n/use-t.ts';

/** The status line: where the update stands, and for a .deb/.rpm why it is a download rather than a restart. */
function statusWords(t: Translate, status: UpdateStatus): string {
  const version = status.available ?? '';
  if (status.mode === 'unavailable') return t('settings.updatesUnavailable');
  if (status.mode === 'off') return t('settings.updatesOff');
  switch (status.state) {
    case 'checking':
      return t('settings.updatesChecking');
    case 'up-to-date':
      return t('settings.updatesUpToDate', { current: status.current });
    case 'downloading':
      return t('settings.updatesDownloading', { version });
    case 'ready':
      return t('settings.updatesReady', { version });
    case 'available':
      return t('settings.updatesAvailable', { version });
    case 'failed':
      return t('settings.updatesFailed', { detail: status.problem ?? '' });
    default:
      return t('settings.updatesIdle', { current: status.current });
  }
}

/**
 * New versions: the switch for update checks (the only thing besides the account's API that Event
 * Desk ever contacts), the state of a check, and the one action that fits the install.
 */
export function UpdatesSection() {
  const t = useT();
  const updates = useUpdates();
  const { setChecks, check, install } = useUpdateActions();
  const status = updates.data;
  if (!status) return null;
  const busy = status.state === 'checking' || status.state === 'downloading';
  const error = setChecks.error ?? check.error ?? install.error;
  return (
    <section className="settings-section" aria-labelledby="updates-title">
      <h3 id="updates-title">{t('settings.updates')}</h3>
      {status.mode !== 'unavailable' && (
        <Checkbox className="checkbox" isSelected={status.checksEnabled} onChange={(on) => setChecks.mutate(on)}>
          {t('settings.updatesCheckAtStart')}
        </Checkbox>
      )}
      <p role="status" data-testid="update-status" className={status.state === 'failed' ? 'notice error' : undefined}>
        {statusWords(t, status)}
      </p>
      <div className="button-row">
        {(status.mode === 'self-update' || status.mode === 'notify') && status.state !== 'ready' && (
          <Button className="button" isPending={busy} isDisabled={busy} onPress={() => check.mutate(undefined)}>
            {t('settings.updatesCheckNow')}
          </Button>
        )}
        {status.mode === 'self-update' && status.state === 'ready' && (
          <Button className="button primary" isPending={install.isPending} onPress={() => install.mutate(undefined)}>
            {t('settings.updatesRestart')}
          </Button>
        )}
        {status.downloadUrl && (
          // Main allows exactly this page to open in the browser (src/main/electron/external-links.ts).
          <a className="button" href={status.downloadUrl} target="_blank" rel="noreferrer">
            {t('settings.updatesOpenReleasePage')}
          </a>
        )}
      </div>
      {error && <p className="notice error" role="alert">{error.message}</p>}
    </section>
  );
}
