// Shared by the three apps.

/** One view of the single-page demo apps: the sign-in view and one per use case. */
export interface DemoView {
  readonly id: 'sign-in' | 'pstn-out' | 'pstn-in' | 'teams-out' | 'teams-in' | 'meetings';
  /** The navigation link's text. */
  readonly navLabel: string;
  /** The view's heading and the document title. */
  readonly title: string;
  /** What the use case is, for the views that only wait for a call. */
  readonly intro?: string;
  /** Which simulator button plays the other side, on the simulated tenant. */
  readonly simulatorHint?: string;
}

export const DEMO_VIEWS: readonly DemoView[] = [
  { id: 'sign-in', navLabel: 'Sign in', title: 'Sign in with your Teams account' },
  { id: 'pstn-out', navLabel: '1. Call a customer', title: 'Use case 1: call a customer' },
  {
    id: 'pstn-in',
    navLabel: '2. Customer calls',
    title: 'Use case 2: a customer calls you',
    intro:
      'When a customer calls your Teams number, the call rings here with the customer’s name, looked up from the number.',
    simulatorHint: 'Use “Incoming PSTN call from a customer” in the simulator.',
  },
  { id: 'teams-out', navLabel: '3. Call a colleague', title: 'Use case 3: call a colleague' },
  {
    id: 'teams-in',
    navLabel: '4. Colleague calls',
    title: 'Use case 4: a colleague calls you',
    intro: 'When a colleague calls you from Teams, the call rings here with their name from the directory.',
    simulatorHint: 'Use “Incoming Teams call from a colleague” in the simulator.',
  },
  { id: 'meetings', navLabel: '5. Meetings', title: 'Use case 5: join a Teams meeting' },
];

/** The link to a view: views live in the URL's hash, so the apps need no router and no server rewrite. */
export const viewHref = (view: DemoView): string => `#/${view.id}`;

let shownView: DemoView = DEMO_VIEWS[0]!;

/**
 * The view the URL's hash names (`#/pstn-out`). Another hash, such as the skip link's `#main`, is an anchor
 * on the current view and keeps it; an unknown view or no hash is the sign-in view.
 */
export function currentView(): DemoView {
  const { hash } = window.location;
  if (hash && !hash.startsWith('#/')) return shownView;
  shownView = DEMO_VIEWS.find((view) => `#/${view.id}` === hash) ?? DEMO_VIEWS[0]!;
  return shownView;
}

/** Calls `listener` when the user moves to another view; returns the teardown. */
export function subscribeToView(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
