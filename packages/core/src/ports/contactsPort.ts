import type { Customer } from '../domain/people';
import type { SignalOption } from './identityPort';

/**
 * The vendor's own customer directory (use cases 1 and 2). The app supplies it.
 */
export interface ContactsPort {
  /** The customers to show on the outbound-call page. */
  listCustomers(options?: SignalOption): Promise<readonly Customer[]>;
  /** The customer with this E.164 number, or `null` (caller-id resolution for inbound PSTN calls). */
  findCustomerByPhoneNumber(phoneNumber: string, options?: SignalOption): Promise<Customer | null>;
}
