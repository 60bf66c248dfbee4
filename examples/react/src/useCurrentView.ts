import { useSyncExternalStore } from 'react';
import { currentView, type DemoView, subscribeToView } from './shared/demoViews';

/** The view named by the URL's hash, following the navigation. */
export function useCurrentView(): DemoView {
  return useSyncExternalStore(subscribeToView, currentView);
}
