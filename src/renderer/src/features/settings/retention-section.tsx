import { useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import type { Settings } from '../../../../shared/settings.ts';
import { useSaveRetention } from '../../api/hooks.ts';

/** How long history is kept: everything by default, or entries younger than N days. */
export function RetentionSection({ settings }: { settings: Settings }) {
  const [text, setText] = useState(settings.retentionDays === null ? '' : String(settings.retentionDays));
  const save = useSaveRetention();
  const days = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const error = text.trim() !== '' && (days === null || days < 1 || days > 36_500) ? 'Enter a number of days from 1 to 36500, or keep everything.' : undefined;

  return (
    <section className="settings-section" aria-labelledby="retention-title">
      <h3 id="retention-title">History</h3>
      <p data-testid="retention-status">
        {settings.retentionDays === null ? 'Every send is kept until you delete it.' : `Entries older than ${settings.retentionDays} days are removed when Event Desk starts.`}
      </p>
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (days !== null && !error) save.mutate(days);
        }}
      >
        <TextField className="field narrow" value={text} onChange={setText} isInvalid={!!error}>
          <Label>Remove entries older than (days)</Label>
          <Input inputMode="numeric" placeholder="Keep everything" />
          <Text slot="description">Export first if you may need old entries: removal cannot be undone.</Text>
          <FieldError>{error}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button" isDisabled={days === null || !!error}>
            Save retention
          </Button>
          <Button className="button" isDisabled={settings.retentionDays === null} onPress={() => { setText(''); save.mutate(null); }}>
            Keep everything
          </Button>
        </div>
      </form>
      {save.error && <p className="notice error" role="alert">{save.error.message}</p>}
    </section>
  );
}
