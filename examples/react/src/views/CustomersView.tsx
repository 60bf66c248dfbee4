import { useCustomers } from '@teams-endpoint/react';
import { type FormEvent, useState } from 'react';
import { customerLine, customersListText } from '../shared/listView';
import type { TryAction } from '../shared/tryAction';
import { WhenSignedIn } from './WhenSignedIn';

/** Use case 1: call a customer from the list, or a typed number. */
export function CustomersView({ tryAction }: { tryAction: TryAction }) {
  const [number, setNumber] = useState('');
  const callNumber = (event: FormEvent) => {
    event.preventDefault();
    tryAction((endpoint) => endpoint.callPhoneNumber(number));
  };
  return (
    <>
      <h2>Customers</h2>
      <WhenSignedIn>
        <CustomerList tryAction={tryAction} />
      </WhenSignedIn>
      <h2>Or type a number</h2>
      <form className="inline-form" aria-label="Call a number" onSubmit={callNumber}>
        <label htmlFor="phone-number">Phone number</label>
        <input
          id="phone-number"
          type="tel"
          autoComplete="tel"
          aria-describedby="phone-hint"
          value={number}
          onChange={(event) => setNumber(event.target.value)}
        />
        <button type="submit">Call number</button>
        <p id="phone-hint" className="hint">
          International format, for example +1 425 555 0123.
        </p>
      </form>
    </>
  );
}

function CustomerList({ tryAction }: { tryAction: TryAction }) {
  const { snapshot } = useCustomers();
  return (
    <>
      <p role="status">{customersListText(snapshot)}</p>
      <ul className="list" aria-label="Customers">
        {snapshot.items.map((customer) => (
          <li key={customer.id}>
            <span>{customerLine(customer)}</span>
            <button
              type="button"
              onClick={() =>
                tryAction((endpoint) =>
                  endpoint.callPhoneNumber(customer.phoneNumber, { displayName: customer.name }),
                )
              }
            >
              Call {customer.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
