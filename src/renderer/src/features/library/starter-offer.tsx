import { Button } from 'react-aria-components';
import { STARTER_EVENTS } from '../../../../shared/starter-events.ts';
import { useLibraryActions } from '../../api/library-hooks.ts';
import { modKey } from '../../format.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * The empty library's offer: the common support actions, each with its form, in one click. The
 * starter events themselves (titles, fields) stay in English: they become the user's own data.
 */
export function StarterOffer() {
  const t = useT();
  const words = useFailureWords();
  const actions = useLibraryActions();
  return (
    <div className="starter-offer" data-testid="starter-offer">
      <p>{t('library.starterIntro')}</p>
      <ul>
        {STARTER_EVENTS.map((starter) => (
          <li key={starter.title}>
            <strong>{starter.title}</strong>: {starter.fields?.map((field) => field.label).join(', ')}
          </li>
        ))}
      </ul>
      <Button className="button primary" onPress={() => actions.addStarters.mutate(null)} isPending={actions.addStarters.isPending}>
        {t('library.addStarters', { count: STARTER_EVENTS.length })}
      </Button>
      {actions.addStarters.error && <p className="notice error" role="alert">{words(actions.addStarters.error).message}</p>}
      <p className="small">{t('library.writeOwn', { shortcut: `${modKey}+S` })}</p>
    </div>
  );
}
