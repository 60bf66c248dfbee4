import { currentView, type DemoView, subscribeToView } from '@teams-endpoint/demo-kit';
import { useSyncExternalStore } from 'react';

/** The view named by the URL's hash, following the navigation. */
export function useCurrentView(): DemoView {
  return useSyncExternalStore(subscribeToView, currentView);
}
