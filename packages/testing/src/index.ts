export * from './fabrikam';
export * from './fabrikamWorld';
export { FEATURES_BY_KIND } from './fakeCallFeatures';
export * from './fakeCalling';
export {
  callKindOf,
  DEFAULT_DENIALS,
  type DefaultDenial,
  defaultCapabilities,
  type FakeCallKind,
  type FakeMeetingRole,
} from './fakeCapabilities';
export { FAKE_CAPTION_LANGUAGES, type FakeSpokenCaption } from './fakeCaptions';
export {
  createFakeDevices,
  type DevicePermissionKind,
  FAKE_DEVICE_METHODS,
  FAKE_DEVICES,
  type FakeDeviceControls,
  type FakeDeviceInput,
  type FakeDeviceMethod,
  type FakeDevices,
  type FakeDevicesOptions,
} from './fakeDevices';
export { FAKE_FEATURE_METHODS, type FakeFeatureMethod } from './fakeFeatureHost';
export * from './fakeIdentity';
export { NO_VIDEO_STREAMS, remoteStreamId } from './fakeRemoteMedia';
export type { ParticipantChange } from './fakeRoster';
export { FAKE_MAX_SPOTLIGHTED } from './fakeSpotlight';
export type { TransferOutcome } from './fakeTransfer';
export { FEATURE_REFUSALS, type FeatureRefusal } from './featureRefusals';
export * from './graphHandlers';
export * from './inMemoryContacts';
export {
  CAPABILITY_RULES,
  type CapabilityRule,
  capabilityRefusal,
  PLATFORM_REFUSALS,
  type PlatformControl,
  type PlatformRefusal,
  type PlatformVerdict,
  platformVerdict,
} from './platformVerdict';
export * from './portControls';
export * from './typedRejection';
export * from './waitForSnapshot';
