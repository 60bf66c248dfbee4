// The demo kit: what the three example apps share, so that they behave and read the same.
export * from './alerts';
export * from './audio';
export * from './environment';
export * from './leaveGuard';
export * from './session';
export * from './simulatorControls';
export * from './tryAction';
export * from './views';
export * from './words/callWords';
export * from './words/featureWords';
export * from './words/historyWords';
export * from './words/listWords';
export * from './words/mediaWords';
export * from './words/phoneWords';
export * from './words/sessionWords';
export * from './words/time';
