import { currentView, type DemoView, subscribeToView } from '@teams-endpoint/demo-kit';
import { onScopeDispose, type Ref, shallowRef } from 'vue';

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
