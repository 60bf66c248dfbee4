import { onScopeDispose, type Ref, shallowRef } from 'vue';
import { currentView, type DemoView, subscribeToView } from '../../react/src/shared/demoViews';

/** The view named by the URL's hash, following the navigation. */
export function useCurrentView(): Readonly<Ref<DemoView>> {
  const view = shallowRef(currentView());
  onScopeDispose(
    subscribeToView(() => {
      view.value = currentView();
    }),
  );
  return view;
}
