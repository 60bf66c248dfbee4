import { currentView, type DemoView, subscribeToView } from '@teams-endpoint/demo-kit';

/** Draws a view into `content` and returns its teardown, which removes every subscription it made. */
export type ViewRenderer = (content: HTMLElement) => () => void;

export interface RouterParts {
  /** The page's `h1`: the view's title, focused when the user moves to another view. */
  readonly heading: HTMLHeadingElement;
  readonly content: HTMLElement;
  /** The navigation's link of each view, for `aria-current`. */
  readonly links: ReadonlyMap<DemoView['id'], HTMLAnchorElement>;
  readonly render: (view: DemoView) => ViewRenderer;
  /** Runs before a view replaces another (the last view's error goes). */
  readonly onLeave?: () => void;
}

/**
 * Shows the view the URL's hash names (`#/pstn-out`), and follows the navigation without loading a page, so
 * that calls, the dock and the session carry on. Each view is torn down when it is left. Returns the teardown.
 */
export function startRouter(parts: RouterParts): () => void {
  let shown: DemoView | null = null;
  let teardown = () => {};
  const show = () => {
    const view = currentView();
    if (view === shown) return;
    const isFirst = shown === null;
    teardown();
    if (!isFirst) parts.onLeave?.();
    shown = view;
    parts.heading.textContent = view.title;
    document.title = `${view.title} · teams-endpoint demo`;
    for (const [id, link] of parts.links) {
      if (id === view.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    parts.content.replaceChildren();
    teardown = parts.render(view)(parts.content);
    // A new view takes the focus at its heading, as a new page would; the first view leaves focus alone.
    if (!isFirst) parts.heading.focus();
  };
  show();
  const stop = subscribeToView(show);
  return () => {
    stop();
    teardown();
  };
}
