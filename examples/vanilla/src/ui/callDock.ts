import type { EndpointSnapshot, TeamsEndpoint } from '@teams-endpoint/core';
import { type SharedAudio, selectDockCallIds, selectTalkingCallId } from '@teams-endpoint/demo-kit';
import { subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import { type DockCall, dockCall } from './dockCall';
import { el } from './dom';
import { incomingCallNotice } from './incomingCallNotice';
import { keyedMounts, mountKeyed } from './mountKeyed';
import { recentCalls } from './recentCalls';

const ringingCallIds = (snapshot: EndpointSnapshot): readonly string[] =>
  snapshot.calls.filter((call) => call.status === 'incoming').map((call) => call.id);

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The call the dock expands: the one chosen, while it is in the dock; else the newest not on hold; else the newest. */
function activeCallId(snapshot: EndpointSnapshot, chosen: string | null): string | undefined {
  return chosen !== null && selectDockCallIds(snapshot).includes(chosen)
    ? chosen
    : selectTalkingCallId(snapshot);
}

export interface Softphone {
  /** The dock: `section[aria-label="Calls"]`, fixed, always in view. */
  readonly dock: HTMLElement;
  /** The toasts of ringing calls: a fixed region "Incoming calls". */
  readonly toasts: HTMLElement;
  readonly stop: () => void;
}

/**
 * The calls, whatever the view: ringing calls as toasts, live calls in the dock (the active one expanded,
 * the others one row each, a new call becoming the active one), and the recent calls under them. When a call
 * or a toast that had the focus goes, the focus moves to the dock.
 */
export function softphone(endpoint: TeamsEndpoint, audio: SharedAudio): Softphone {
  const dock = el('section', {
    class: 'call-dock',
    'aria-label': 'Calls',
    'data-testid': 'call-dock',
    tabindex: '-1',
  });
  const focusDock = () => dock.focus({ preventScroll: true });
  const empty = el('p', { class: 'call-dock-empty' }, 'No calls right now.');
  const calls = el('div', { class: 'dock-calls' });
  const recent = recentCalls(endpoint);
  dock.append(el('h2', { class: 'call-dock-title' }, 'Calls'), empty, calls, recent.node);

  const toasts = el('div', {
    class: 'toasts',
    role: 'region',
    'aria-label': 'Incoming calls',
    'aria-live': 'assertive',
  });

  const mounted = new Map<string, DockCall>();
  let chosen: string | null = null;
  const showActive = () => {
    const active = activeCallId(endpoint.getSnapshot(), chosen);
    for (const [id, call] of mounted) call.setExpanded(id === active);
  };
  const choose = (id: string) => {
    chosen = id;
    showActive();
  };
  const children = keyedMounts(
    calls,
    (id: string) => id,
    (id) => {
      const call = dockCall(endpoint.getCall(id)!, endpoint, audio, () => choose(id));
      mounted.set(id, call);
      return {
        node: call.node,
        stop: () => {
          mounted.delete(id);
          call.stop();
          // Hanging up removes the button that had the focus: the dock takes it, not the page's top.
          const focused = document.activeElement;
          if (!focused || focused === document.body || call.node.contains(focused)) queueMicrotask(focusDock);
        },
      };
    },
  );
  let shown: readonly string[] = [];
  const showCalls = (ids: readonly string[]) => {
    const added = ids.filter((id) => !shown.includes(id));
    if (added.length > 0) chosen = added.at(-1)!;
    shown = ids;
    children.update(ids);
    empty.hidden = ids.length > 0;
    showActive();
  };

  const stop = subscribeMany(
    subscribeToUnit(endpoint, selectDockCallIds, showCalls, sameIds),
    endpoint.subscribe(showActive),
    mountKeyed(toasts, endpoint, ringingCallIds, (id) =>
      incomingCallNotice(endpoint.getCall(id)!, focusDock),
    ),
    children.stop,
    recent.stop,
  );
  return { dock, toasts, stop };
}
