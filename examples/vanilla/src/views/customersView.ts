import { type Customer, isTeamsEndpointError } from '@teams-endpoint/core';
import { customersListText, phoneNumberText } from '@teams-endpoint/demo-kit';
import { bindList, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import type { ViewRenderer } from '../router';
import { button, el } from '../ui/dom';
import { errorMessage, fieldError } from '../ui/fieldError';
import { loadWhenReady, type ViewContext } from './viewContext';

/** A customer: name, company, and the number formatted for people, its E.164 in the tooltip. */
function customerItem(customer: Customer, context: ViewContext): HTMLLIElement {
  const number = phoneNumberText(customer.phoneNumber);
  return el(
    'li',
    {},
    el(
      'span',
      {},
      `${customer.name} · ${customer.company ?? 'Customer'} · `,
      el('span', { class: 'phone-number', title: number.title }, number.text),
    ),
    button(`Call ${customer.name}`, () =>
      context.tryAction((e) => e.callPhoneNumber(customer.phoneNumber, { displayName: customer.name })),
    ),
  );
}

/** Use case 1: call a customer from the list, or any number typed in (a bad number is explained under it). */
export const customersView =
  (context: ViewContext): ViewRenderer =>
  (content) => {
    const { endpoint } = context;
    const customers = el('ul', { class: 'list', 'aria-label': 'Customers' });
    const listState = el('p', { role: 'status' });
    const number = el('input', { id: 'phone-number', type: 'tel', autocomplete: 'tel' });
    const numberError = fieldError(number, 'phone-hint');
    const form = el(
      'form',
      { class: 'field', 'aria-label': 'Call a number', novalidate: true },
      el(
        'div',
        { class: 'inline-form' },
        el('label', { for: 'phone-number' }, 'Phone number'),
        number,
        el('button', { type: 'submit' }, 'Call number'),
      ),
      numberError.node,
      el('p', { id: 'phone-hint', class: 'hint' }, 'International format, for example +1 425 555 0123.'),
    );
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      context.showError('');
      numberError.clear();
      try {
        endpoint.callPhoneNumber(number.value);
      } catch (error) {
        if (isTeamsEndpointError(error) && error.code === 'invalid_phone_number') {
          numberError.show(error.message);
          number.focus();
        } else context.showError(errorMessage(error));
      }
    };
    form.addEventListener('submit', onSubmit);

    content.append(el('h2', {}, 'Customers'), listState, customers, el('h2', {}, 'Or type a number'), form);
    return subscribeMany(
      bindText(listState, endpoint.customers, customersListText),
      bindList(
        customers,
        endpoint.customers,
        (s) => s.items,
        (customer) => customerItem(customer, context),
        (customer) => customer.id,
      ),
      loadWhenReady(context, () => endpoint.customers.load()),
      numberError.stop,
      () => form.removeEventListener('submit', onSubmit),
    );
  };
