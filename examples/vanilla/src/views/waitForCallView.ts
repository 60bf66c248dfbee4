import type { DemoView } from '@teams-endpoint/demo-kit';
import type { ViewRenderer } from '../router';
import { el } from '../ui/dom';
import type { ViewContext } from './viewContext';

/** Use cases 2 and 4: nothing to do but wait for the call, which rings as a toast on any view. */
export const waitForCallView =
  (view: DemoView, { mode }: ViewContext): ViewRenderer =>
  (content) => {
    content.append(el('p', {}, view.intro ?? ''));
    if (mode === 'simulated' && view.simulatorHint)
      content.append(el('p', { class: 'hint' }, view.simulatorHint));
    return () => {};
  };
