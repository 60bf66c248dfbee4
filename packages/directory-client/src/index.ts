// The public API of @teams-endpoint/directory-client. Everything a user may import is listed here by name.
export type { DirectoryOperation } from './directoryErrors';
export {
  type CustomerPage,
  MAX_BODY_BYTES,
  MAX_CURSOR_LENGTH,
  MAX_CUSTOMER_ID_LENGTH,
  MAX_CUSTOMER_TEXT_LENGTH,
  MAX_PAGE_SIZE,
} from './directoryResponses';
export {
  type AccessTokenRequest,
  createHttpContacts,
  DEFAULT_MAX_CUSTOMERS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type HttpContacts,
  type HttpContactsOptions,
  MAX_SEARCH_LENGTH,
  type SearchCustomersOptions,
} from './httpContacts';
