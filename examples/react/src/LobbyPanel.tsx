import {
  type Call,
  type CallLobby,
  type CallLobbySnapshot,
  callLobby,
  type LobbyEntry,
} from '@teams-endpoint/core';
import { lobbyCountLabel, lobbyName } from '@teams-endpoint/demo-kit';
import { useCallFeature } from '@teams-endpoint/react';
import { useEffect, useRef, useState } from 'react';
import { CapabilityButton, useCapabilityHint } from './CapabilityButton';

/**
 * A meeting's lobby for organizers and presenters: who waits, each with "Admit" and "Reject", and "Admit
 * all". Absent while nobody waits; it scrolls into view when someone arrives.
 */
export function LobbyPanel({ call }: { call: Call }) {
  const lobby = useCallFeature(call, callLobby);
  if (!lobby?.available || lobby.participants.length === 0) return null;
  return <LobbyRegion call={call} lobby={lobby} />;
}

function LobbyRegion({ call, lobby }: { call: Call; lobby: CallLobbySnapshot }) {
  // Teams gives one reason for all three: the rows point at the hint of "Admit all".
  const hint = useCapabilityHint(lobby.can.admitAll, lobby.canReasons.admitAll);
  const [error, setError] = useState('');
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    region.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const decide = (decision: (lobby: CallLobby) => void) => {
    setError('');
    try {
      decision(callLobby(call));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section ref={region} className="lobby" aria-label="Lobby">
      <h4>Lobby</h4>
      <p className="lobby-count">{lobbyCountLabel(lobby.participants.length)}</p>
      <ul className="lobby-list" aria-label="Waiting in the lobby">
        {lobby.participants.map((entry) => (
          <WaitingRow
            key={entry.id}
            entry={entry}
            lobby={lobby}
            hintId={hint.id}
            onAdmit={() => decide((unit) => unit.admit(entry.id))}
            onReject={() => decide((unit) => unit.reject(entry.id))}
          />
        ))}
      </ul>
      <span className="control-with-hint">
        <CapabilityButton
          className="primary"
          allowed={lobby.can.admitAll}
          reason={lobby.canReasons.admitAll}
          hintId={hint.id}
          onClick={() => decide((unit) => unit.admitAll())}
        >
          Admit all
        </CapabilityButton>
        {hint.words && (
          <span id={hint.id} className="control-hint">
            {hint.words}
          </span>
        )}
      </span>
      <p className="error" role="alert">
        {error}
      </p>
    </section>
  );
}

/** One person waiting: their name and the two buttons; the buttons wait while a decision is on its way. */
function WaitingRow(props: {
  entry: LobbyEntry;
  lobby: CallLobbySnapshot;
  hintId: string;
  onAdmit: () => void;
  onReject: () => void;
}) {
  const { entry, lobby, hintId } = props;
  const name = lobbyName(entry);
  return (
    <li className="lobby-row" aria-busy={entry.pending}>
      <span className="lobby-name">{name}</span>
      <span className="controls">
        <CapabilityButton
          allowed={!entry.pending && lobby.can.admit}
          reason={lobby.canReasons.admit}
          hintId={hintId}
          onClick={props.onAdmit}
        >
          Admit {name}
        </CapabilityButton>
        <CapabilityButton
          className="danger"
          allowed={!entry.pending && lobby.can.reject}
          reason={lobby.canReasons.reject}
          hintId={hintId}
          onClick={props.onReject}
        >
          Reject {name}
        </CapabilityButton>
      </span>
    </li>
  );
}
