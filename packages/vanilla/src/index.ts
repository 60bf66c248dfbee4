export { bindAttribute, bindDisabled } from './bindAttribute';
export { bindCallFeature } from './bindCallFeature';
export { bindList } from './bindList';
export { bindParticipant } from './bindParticipant';
export { bindText } from './bindText';
export { bindVideo } from './bindVideo';
export { placeChildren } from './placeChildren';
export { subscribeMany } from './subscribeMany';
export { type SubscribableUnit, subscribeToUnit } from './subscribeToUnit';
