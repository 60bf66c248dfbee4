export {
  createTeamsEndpointPlugin,
  injectTeamsEndpoint,
  provideTeamsEndpoint,
} from './teamsEndpointInjection';
export { useCall } from './useCall';
export { useCallFeature } from './useCallFeature';
export { type CallHistoryState, useCallHistory } from './useCallHistory';
export { useCalls } from './useCalls';
export { useCustomers } from './useCustomers';
export { useEndpointSelector } from './useEndpointSelector';
export { useIncomingCalls } from './useIncomingCalls';
export type { ListState } from './useList';
export { useMeetings } from './useMeetings';
export { useParticipant } from './useParticipant';
export { usePeople } from './usePeople';
export { useSession } from './useSession';
export { useUnitSelector } from './useUnitSelector';
export { useVideoStream, type VideoStreamOptions } from './useVideoStream';
export { VideoStream, type VideoStreamProps } from './VideoStream';
