// The public API of @teams-endpoint/core. Everything a user may import is listed here by name; anything not
// listed is internal and may change without notice.

// Cross-cutting helpers, shared with the ports
export { abortableDelay, raceSignal, type TimeoutOptions, withTimeout } from './async/abortable';
export { resolveBearerEndpointUrl } from './domain/bearerEndpointUrl';
// Domain: validation and normalization, before any network or SDK call
export {
  CALL_HISTORY_MAX_ENTRIES,
  CALL_HISTORY_OUTCOMES,
  type CallHistoryEntry,
  type CallHistoryOutcome,
  type CallHistoryRemote,
  compareCallHistoryEntries,
  newestCallHistoryEntries,
  toCallHistoryEntry,
} from './domain/callHistoryEntry';
export { DTMF_TONES, parseDtmfTone } from './domain/dtmf';
export { describeEndReason, type EndReason, type EndReasonCategory } from './domain/endReason';
export {
  type MeetingIdAndPasscode,
  parseMeetingIdAndPasscode,
  parseTeamsMeetingLink,
  TEAMS_MEETING_HOSTS,
  type TeamsMeetingLink,
} from './domain/meetingLink';
export type { Customer, Page, Person, TeamsMeeting, TeamsUser, TimeRange } from './domain/people';
export {
  type E164PhoneNumber,
  isE164PhoneNumber,
  type PhoneNumberOptions,
  parsePhoneNumber,
} from './domain/phoneNumber';
export {
  normalizeOptionalRemoteText,
  normalizeRemoteText,
  REMOTE_TEXT_MAX_LENGTH,
} from './domain/remoteText';
export { parseRetryAfter } from './domain/retryAfter';
export { readServerErrorCode } from './domain/serverErrorBody';
export { isTeamsUserId, parseTeamsUserId } from './domain/teamsUserId';
// The endpoint and its observable units
export type { CallHistory, CallHistorySnapshot, CallHistoryStatus } from './endpoint/callHistoryUnit';
export type {
  Call,
  CallCapabilities,
  CallCapabilityReasons,
  CallParticipant,
  CallSnapshot,
  CallTransfer,
  CallTransferTarget,
  LocalVideoStream,
  TransferRequest,
} from './endpoint/callUnit';
export {
  type CallOptions,
  createTeamsEndpoint,
  currentWeek,
  type EndpointSnapshot,
  type JoinMeetingOptions,
  type SessionSnapshot,
  type SessionStatus,
  type TeamsEndpoint,
  type TeamsEndpointOptions,
} from './endpoint/createTeamsEndpoint';
export {
  createDeviceSettings,
  type DeviceSettings,
  type DeviceSettingsSnapshot,
  type DeviceSettingsStatus,
} from './endpoint/deviceSettings';
// Teams in-call features: one observable unit per call and feature, each tree-shaken when unused
export { callFeatureAvailability, type FeatureAvailability } from './endpoint/features/availability';
export {
  CAPTIONS_MAX_ENTRIES,
  type CallCaptions,
  type CallCaptionsCapabilities,
  type CallCaptionsSnapshot,
  type CaptionEntry,
  callCaptions,
} from './endpoint/features/captions';
export {
  type CallDiagnostics,
  type CallDiagnosticsSnapshot,
  callDiagnostics,
  DIAGNOSTIC_MESSAGES,
  type DiagnosticNotice,
} from './endpoint/features/diagnostics';
export {
  type CallLobby,
  type CallLobbyCapabilities,
  type CallLobbySnapshot,
  callLobby,
  type LobbyEntry,
} from './endpoint/features/lobby';
export {
  type CallRaisedHands,
  type CallRaisedHandsCapabilities,
  type CallRaisedHandsSnapshot,
  callRaisedHands,
  type RaisedHandEntry,
  raisedHandsFirst,
} from './endpoint/features/raisedHands';
export {
  type CallRecording,
  type CallRecordingSnapshot,
  callRecording,
  RECORDING_MESSAGES,
  type RecordingBanner,
  type RecordingBannerKind,
} from './endpoint/features/recording';
export {
  type CallSpotlight,
  type CallSpotlightCapabilities,
  type CallSpotlightSnapshot,
  callSpotlight,
} from './endpoint/features/spotlight';
export type { ListSnapshot, ListStatus, ListUnit } from './endpoint/listUnit';
export {
  GALLERY_MAX_TILES,
  type GalleryTile,
  remotePartyName,
  sameGallery,
  sameItems,
  selectIncomingCalls,
  selectVideoGallery,
  type VideoGallery,
} from './endpoint/selectors';
export {
  bindVideoStream,
  isStreamAvailable,
  type VideoBinding,
  type VideoBindingOptions,
  type VideoBindingState,
} from './endpoint/videoBinding';
// Errors
export {
  abortedError,
  isAbortError,
  isTeamsEndpointError,
  redactSecrets,
  TeamsEndpointError,
  type TeamsEndpointErrorCode,
  type TeamsEndpointErrorInfo,
  type TeamsEndpointErrorOptions,
  throwIfAborted,
  toTeamsEndpointError,
} from './errors';
export { CALL_STATUSES, type CallStatus } from './machines/callStatus';
export type { CallerResolution, CallKind, CallOutcome, RemoteParty } from './machines/callTypes';
// Ports: what an implementation of identity, Graph, calling or contacts provides
export {
  CALL_FEATURE_NAMES,
  type CallFeatureHandles,
  type CallFeatureName,
  type CapabilityReason,
  type CapabilityVerdict,
  type CaptionResult,
  type CaptionsHandle,
  type CaptionsPortState,
  DIAGNOSTIC_KINDS,
  type DiagnosticCondition,
  type DiagnosticKind,
  type DiagnosticsHandle,
  type DiagnosticsPortState,
  type FeatureHandle,
  LOCAL_PARTICIPANT_ID,
  type LobbyHandle,
  type LobbyParticipant,
  type LobbyPortState,
  PLATFORM_CAPABILITIES,
  type PlatformCapabilities,
  type PlatformCapability,
  type RaisedHand,
  type RaiseHandHandle,
  type RaiseHandPortState,
  type RecordingHandle,
  type RecordingPortState,
  type RecordingState,
  type SpotlightHandle,
  type SpotlightPortState,
  type TransferHandle,
  type TransferredCall,
  type TransferTarget,
  UNSUPPORTED_TEAMS_FEATURES,
  type UnsupportedTeamsFeature,
} from './ports/callFeatures';
export type { CallHistoryPort } from './ports/callHistoryPort';
export type {
  CallAgentConnectionState,
  CallEndReasonCode,
  CallHandle,
  CallHandleState,
  CallingPort,
  CallParty,
  CallPortEvent,
  CallPortStatus,
  CallTarget,
  ConnectOptions,
  DtmfTone,
  IncomingCallHandle,
  MeetingLocator,
  Participant,
  ParticipantRole,
  ParticipantState,
  RemoteVideoStream,
  RenderStreamOptions,
  StreamView,
  VideoScaling,
  VideoStreamKind,
  VideoStreamSize,
} from './ports/callingPort';
export { LOCAL_STREAM_IDS, streamFlags } from './ports/callingPort';
export type { ContactsPort } from './ports/contactsPort';
export type {
  DeviceInventory,
  DevicePermissionRequest,
  DevicePermissionState,
  DevicePermissionStates,
  DevicePort,
  MediaDevice,
  MediaDeviceKind,
} from './ports/devicePort';
export type { GraphPort, ListPeopleOptions, OneOnOneChat } from './ports/graphPort';
export type { AcsAccessToken, IdentityPort, SignalOption } from './ports/identityPort';
export { createListenerSet, type ListenerSet, type ListenerSetHooks } from './store/listenerSet';
export { createMemoryCallHistory, type MemoryCallHistoryOptions } from './store/memoryCallHistory';
export type { ObservableUnit } from './store/observableUnit';
