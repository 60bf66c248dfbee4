export * from './fabrikam';
export * from './fabrikamWorld';
export * from './fakeCalling';
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
export * from './fakeIdentity';
export { NO_VIDEO_STREAMS, remoteStreamId } from './fakeRemoteMedia';
export type { ParticipantChange } from './fakeRoster';
export * from './graphHandlers';
export * from './inMemoryContacts';
export {
  PLATFORM_REFUSALS,
  type PlatformControl,
  type PlatformRefusal,
  type PlatformVerdict,
  platformVerdict,
} from './platformVerdict';
export * from './portControls';
export * from './typedRejection';
export * from './waitForSnapshot';
