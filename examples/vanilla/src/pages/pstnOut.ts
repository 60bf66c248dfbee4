import type { Customer } from '@teams-endpoint/core';
import { bindList, bindText } from '@teams-endpoint/vanilla';
import { button, el } from '../ui/dom';
import { loadWhenReady, startPage, tryAction } from '../ui/page';

void startPage('Use case 1: call a customer', (main, context) => {
  const { endpoint } = context;
  const customers = el('ul', { class: 'list', 'aria-label': 'Customers' });
  const listState = el('p', { role: 'status' });
  const number = el('input', {
    id: 'phone-number',
    type: 'tel',
    autocomplete: 'tel',
    'aria-describedby': 'phone-hint',
  });
  const form = el(
    'form',
    { class: 'inline-form', 'aria-label': 'Call a number' },
    el('label', { for: 'phone-number' }, 'Phone number'),
    number,
    el('button', { type: 'submit' }, 'Call number'),
    el('p', { id: 'phone-hint', class: 'hint' }, 'International format, for example +1 425 555 0123.'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    tryAction(context, (e) => e.callPhoneNumber(number.value));
  });

  main.append(el('h2', {}, 'Customers'), listState, customers, el('h2', {}, 'Or type a number'), form);
  bindText(listState, endpoint.customers, (s) =>
    s.status === 'loading' ? 'Loading customers…' : (s.error?.message ?? ''),
  );
  bindList(
    customers,
    endpoint.customers,
    (s) => s.items,
    (customer: Customer) =>
      el(
        'li',
        {},
        el('span', {}, `${customer.name} · ${customer.company ?? 'Customer'} · ${customer.phoneNumber}`),
        button(`Call ${customer.name}`, () =>
          tryAction(context, (e) => e.callPhoneNumber(customer.phoneNumber, { displayName: customer.name })),
        ),
      ),
    (customer) => customer.id,
  );
  loadWhenReady(context, () => endpoint.customers.load());
});
