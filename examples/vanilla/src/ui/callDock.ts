import type { CallSnapshot, CallStatus, EndpointSnapshot, TeamsEndpoint } from '@teams-endpoint/core';
import type { SharedAudio } from '@teams-endpoint/demo-kit';
import { subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import { type DockCall, dockCall } from './dockCall';
import { el } from './dom';
import { incomingCallNotice } from './incomingCallNotice';
import { keyedMounts, mountKeyed } from './mountKeyed';
import { recentCalls } from './recentCalls';

/** Ringing here: a toast. Declining, ended or failed: in no dock row (an ended call is in the history). */
const NOT_IN_DOCK: ReadonlySet<CallStatus> = new Set(['incoming', 'rejecting', 'ended', 'failed']);
const HELD: ReadonlySet<CallStatus> = new Set(['holding', 'on_hold']);

const dockCallIds = (snapshot: EndpointSnapshot): readonly string[] =>
  snapshot.calls.filter((call) => !NOT_IN_DOCK.has(call.status)).map((call) => call.id);

const ringingCallIds = (snapshot: EndpointSnapshot): readonly string[] =>
  snapshot.calls.filter((call) => call.status === 'incoming').map((call) => call.id);

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The call the dock expands: the one chosen, while it is live; else the newest not on hold; else the newest. */
function activeCallId(calls: readonly CallSnapshot[], chosen: string | null): string | undefined {
  const live = calls.filter((call) => !NOT_IN_DOCK.has(call.status));
  if (live.some((call) => call.id === chosen)) return chosen ?? undefined;
  const unheld = live.filter((call) => !HELD.has(call.status));
  return (unheld.at(-1) ?? live.at(-1))?.id;
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
    const active = activeCallId(endpoint.getSnapshot().calls, chosen);
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
    subscribeToUnit(endpoint, dockCallIds, showCalls, sameIds),
    endpoint.subscribe(showActive),
    mountKeyed(toasts, endpoint, ringingCallIds, (id) =>
      incomingCallNotice(endpoint.getCall(id)!, focusDock),
    ),
    children.stop,
    recent.stop,
  );
  // What the history port holds already (the calls of an earlier visit, once the port keeps them).
  void endpoint.history.load();
  return { dock, toasts, stop };
}
