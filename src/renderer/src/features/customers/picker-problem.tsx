import { Button } from 'react-aria-components';
import { ApiError } from '../../api/api-context.tsx';
import type { useCustomerSearch } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

/** Codes that Settings fixes (the key); anything else may pass on its own, so it offers a retry. */
const KEY_PROBLEMS = new Set(['unauthorized', 'no_key', 'forbidden']);

/**
 * Why the search failed, inside the open list where the agent is looking (not only in the line below
 * the field), with the one action that helps: Settings for a key problem, "Try again" otherwise.
 */
export function PickerProblem({ search, onOpenSettings }: { search: ReturnType<typeof useCustomerSearch>; onOpenSettings: () => void }) {
  const t = useT();
  const words = useFailureWords();
  const error = search.error;
  if (!error || search.isFetching) return null;
  const code = error instanceof ApiError ? error.code : 'unexpected';
  const keyProblem = KEY_PROBLEMS.has(code);
  return (
    <div className="picker-problem notice error" role="alert" data-testid="picker-problem">
      <p>{words(error).message}</p>
      {keyProblem ? (
        <Button className="button" onPress={onOpenSettings}>
          {t('customers.openSettings')}
        </Button>
      ) : (
        <Button className="button" onPress={() => void search.refetch()}>
          {t('customers.tryAgain')}
        </Button>
      )}
    </div>
  );
}
