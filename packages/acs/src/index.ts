export {
  type AcsCalling,
  type AcsCallingOptions,
  createAcsCalling,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from './createAcsCalling';
export type { PermissionsApi } from './devicePermissions';
export type {
  AcsCallingSdk,
  AcsCommonSdk,
  SdkCallClient,
  SdkDeviceManager,
  SdkDominantSpeakersFeature,
  SdkFeatures,
  SdkIncomingCallEvent,
  SdkLocalVideoStream,
  SdkOptimalVideoCountFeature,
  SdkRemoteParticipant,
  SdkRemoteVideoStream,
  SdkTeamsCall,
  SdkTeamsCallAgent,
  SdkTeamsCallee,
  SdkTeamsIncomingCall,
  SdkVideoStreamRenderer,
  SdkVideoStreamRendererView,
} from './sdkTypes';
