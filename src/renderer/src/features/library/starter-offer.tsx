import { Button } from 'react-aria-components';
import { STARTER_EVENTS } from '../../../../shared/starter-events.ts';
import { useLibraryActions } from '../../api/library-hooks.ts';
import { modKey } from '../../format.ts';

/** The empty library's offer: the common support actions, each with its form, in one click. */
export function StarterOffer() {
  const actions = useLibraryActions();
  return (
    <div className="starter-offer" data-testid="starter-offer">
      <p>No saved events yet. Start with the usual support actions — each comes with its form, and you can change them afterwards:</p>
      <ul>
        {STARTER_EVENTS.map((starter) => (
          <li key={starter.title}>
            <strong>{starter.title}</strong>: {starter.fields?.map((field) => field.label).join(', ')}
          </li>
        ))}
      </ul>
      <Button className="button primary" onPress={() => actions.addStarters.mutate(null)} isPending={actions.addStarters.isPending}>
        Add the {STARTER_EVENTS.length} starter events
      </Button>
      {actions.addStarters.error && <p className="notice error" role="alert">{actions.addStarters.error.message}</p>}
      <p className="small">Or write your own: "New saved event…" in the Library, or {modKey}+S in the composer.</p>
    </div>
  );
}
