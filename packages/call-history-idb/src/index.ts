// The public API of @teams-endpoint/call-history-idb.
export {
  createIndexedDbCallHistory,
  DEFAULT_CALL_HISTORY_DB_NAME,
  type IndexedDbCallHistory,
  type IndexedDbCallHistoryOptions,
} from './indexedDbCallHistory';
