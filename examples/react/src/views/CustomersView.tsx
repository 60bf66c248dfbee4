import { isTeamsEndpointError } from '@teams-endpoint/core';
import type { TryAction } from '@teams-endpoint/demo-kit';
import { customerLine, customersListText } from '@teams-endpoint/demo-kit';
import { useCustomers } from '@teams-endpoint/react';
import { type FormEvent, useRef, useState } from 'react';
import { useFieldError } from '../useFieldError';
import { WhenSignedIn } from './WhenSignedIn';

/** Use case 1: call a customer from the list, or a typed number (a malformed one is explained under it). */
export function CustomersView({ tryAction }: { tryAction: TryAction }) {
  const [number, setNumber] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const { error, setError, inputProps, errorProps } = useFieldError('phone-hint');
  const callNumber = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    tryAction((endpoint) => {
      try {
        endpoint.callPhoneNumber(number);
      } catch (failure) {
        // Bad input belongs to the field; anything else (not signed in) to the page's alert.
        if (!isTeamsEndpointError(failure) || failure.code !== 'invalid_phone_number') throw failure;
        setError(failure.message);
        field.current?.focus();
      }
    });
  };
  return (
    <>
      <h2>Customers</h2>
      <WhenSignedIn>
        <CustomerList tryAction={tryAction} />
      </WhenSignedIn>
      <h2>Or type a number</h2>
      <form className="field" aria-label="Call a number" noValidate onSubmit={callNumber}>
        <div className="inline-form">
          <label htmlFor="phone-number">Phone number</label>
          <input
            ref={field}
            id="phone-number"
            type="tel"
            autoComplete="tel"
            {...inputProps}
            value={number}
            onChange={(event) => {
              setNumber(event.target.value);
              setError('');
            }}
          />
          <button type="submit">Call number</button>
        </div>
        <p id="phone-hint" className="hint">
          International format, for example +1 425 555 0123.
        </p>
        <p {...errorProps}>{error}</p>
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
            <span title={customer.phoneNumber}>{customerLine(customer)}</span>
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
