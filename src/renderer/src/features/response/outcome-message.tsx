import { useIntl } from 'react-intl';
import { useT } from '../../i18n/use-t.ts';
import { explainOutcome, type ExplainedSend } from './outcome-explanation.ts';

/**
 * A send's outcome in words (outcome-explanation.ts), and beside it HelpCrunch's own text, quoted as
 * it came. `quoteErrors`: also quote HelpCrunch's error entries (where no list of them is shown).
 */
export function OutcomeExplanation({ entry, quoteErrors = false }: { entry: ExplainedSend; quoteErrors?: boolean }) {
  const t = useT();
  const { locale } = useIntl();
  const explanation = explainOutcome(t, locale, entry);
  if (explanation === null) return null;
  const quoted = explanation.helpcrunch !== null && (quoteErrors || entry.errors.length === 0) ? explanation.helpcrunch : null;
  return (
    <>
      <p className="outcome-message" data-testid="outcome-message">
        {explanation.text}
      </p>
      {quoted !== null && (
        <p className="helpcrunch-said small" data-testid="helpcrunch-said">
          {t('explain.helpcrunchSaid')} <q>{quoted}</q>
        </p>
      )}
    </>
  );
}
