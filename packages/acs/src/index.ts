export type {
  AcsDevices,
  DevicePermissionRequest,
  DevicePermissions,
  DevicesChangedEvent,
  MediaDevice,
} from './acsDevices';
export {
  type AcsCalling,
  type AcsCallingOptions,
  createAcsCalling,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from './createAcsCalling';
export type {
  AcsCallingSdk,
  AcsCommonSdk,
  SdkCallClient,
  SdkDeviceManager,
  SdkIncomingCallEvent,
  SdkLocalVideoStream,
  SdkRemoteParticipant,
  SdkTeamsCall,
  SdkTeamsCallAgent,
  SdkTeamsCallee,
  SdkTeamsIncomingCall,
} from './sdkTypes';
