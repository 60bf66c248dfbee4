export { bindAttribute, bindDisabled } from './bindAttribute';
export { bindList } from './bindList';
export { bindText } from './bindText';
export { placeChildren } from './placeChildren';
export { subscribeMany } from './subscribeMany';
export { type SubscribableUnit, subscribeToUnit } from './subscribeToUnit';
