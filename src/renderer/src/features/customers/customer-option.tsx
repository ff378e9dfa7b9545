import { ListBoxItem } from 'react-aria-components';
import { customerLabel, type Customer } from '../../../../shared/customer.ts';
import { useFormat } from '../../format.ts';
import { useT } from '../../i18n/use-t.ts';
import { Highlight } from './highlight.tsx';

/** One customer in the picker: who (name, email), which (id, userId, company), and when last seen. */
export function CustomerOption({ id, customer, query }: { id: string; customer: Customer; query: string }) {
  const t = useT();
  const format = useFormat();
  const label = customerLabel(customer);
  const details = [
    customer.email && customer.email !== label ? customer.email : null,
    t('customers.id', { id: String(customer.id) }),
    customer.userId ? t('customers.userId', { userId: customer.userId }) : null,
    customer.company,
    customer.lastSeen ? t('customers.seen', { when: format.seen(customer.lastSeen) }) : t('customers.neverSeen'),
  ].filter((part): part is string => part !== null);
  return (
    <ListBoxItem id={id} textValue={`${label}, ${details.join(', ')}`} className="customer-option">
      <span className="customer-name">
        <Highlight text={label} query={query} />
        {customer.name === null && <span className="muted"> {t('customers.noName')}</span>}
      </span>
      <span className="customer-details">
        {details.map((detail, index) => (
          <span key={index}>
            {index > 0 && ' · '}
            <Highlight text={detail} query={query} />
          </span>
        ))}
      </span>
    </ListBoxItem>
  );
}
