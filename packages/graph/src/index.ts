export {
  describeGraphFailure,
  type GraphErrorContext,
  type GraphFailure,
  mapGraphError,
  RETRYABLE_STATUSES,
} from './graphErrors';
export {
  abortableSleep,
  createGraphPort,
  DEFAULT_GRAPH_BASE_URL,
  EVENT_FIELDS,
  escapeSearchTerm,
  type GraphPortOptions,
  PERSON_FIELDS,
} from './graphPort';
export { allGraphScopes, type GraphOperation, graphScopes } from './scopes';
