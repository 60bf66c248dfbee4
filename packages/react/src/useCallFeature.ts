import type { Call, ObservableUnit } from '@teams-endpoint/core';
import { useUnitSelector } from './useUnitSelector';

const noCall = { getSnapshot: () => undefined, subscribe: () => () => {} };

/**
 * Subscribes to one Teams feature of a call (`callCaptions`, `callRaisedHands`, `callRecording`,
 * `callSpotlight`, `callLobby`, `callDiagnostics` from the core) and returns the selected slice of its
 * snapshot, or `undefined` without a call. The component re-renders only when the selection changes by
 * `isEqual` (default `Object.is`). The feature listens to the call only while a component subscribes, and a
 * server render reads the snapshot as it is without subscribing. Import only the features you use: the
 * others are tree-shaken away.
 *
 * @example
 * function RaiseHandButton({ call }: { call: Call }) {
 *   const hands = useCallFeature(call, callRaisedHands);
 *   return (
 *     <button
 *       disabled={!hands?.available}
 *       aria-pressed={hands?.isHandRaised}
 *       onClick={() => callRaisedHands(call).toggle()}
 *     >
 *       Raise hand
 *     </button>
 *   );
 * }
 *
 * @example
 * function Captions({ call }: { call: Call }) {
 *   const entries = useCallFeature(call, callCaptions, (s) => s.entries);
 *   return <ol>{entries?.map((entry) => <li key={entry.id}>{entry.speakerName}: {entry.text}</li>)}</ol>;
 * }
 */
export function useCallFeature<TSnapshot, TSelected = TSnapshot>(
  call: Call | null | undefined,
  feature: (call: Call) => ObservableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => TSelected = (snapshot) => snapshot as unknown as TSelected,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): TSelected | undefined {
  // The core keeps one unit per call and feature, so the subscription is stable until the call changes.
  return useUnitSelector<TSnapshot | undefined, TSelected | undefined>(
    call ? feature(call) : noCall,
    (snapshot) => (snapshot === undefined ? undefined : selector(snapshot)),
    (previous, next) =>
      previous === undefined || next === undefined ? previous === next : isEqual(previous, next),
  );
}
