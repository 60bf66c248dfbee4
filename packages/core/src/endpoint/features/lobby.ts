import { normalizeOptionalRemoteText } from '../../domain/remoteText';
import { TeamsEndpointError } from '../../errors';
import type { CapabilityReason, LobbyParticipant } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call } from '../callUnit';
import {
  cachedPerCall,
  createFeatureUnit,
  definedOnly,
  featureCommand,
  observablePart,
  reasonFrom,
  shareItems,
} from './featureUnit';

/** Someone waiting in the lobby; `displayName` is normalized remote text. `pending`: admitted or rejected, not yet confirmed. */
export interface LobbyEntry extends LobbyParticipant {
  readonly pending: boolean;
}

export interface CallLobbyCapabilities {
  readonly admit: boolean;
  readonly reject: boolean;
  readonly admitAll: boolean;
}

export interface CallLobbySnapshot {
  /** Whether the call has a lobby (meetings). */
  readonly available: boolean;
  /** In the order they arrived. */
  readonly participants: readonly LobbyEntry[];
  readonly can: CallLobbyCapabilities;
  readonly canReasons: { readonly [K in keyof CallLobbyCapabilities]?: CapabilityReason };
}

export interface CallLobby extends ObservableUnit<CallLobbySnapshot> {
  /** Throws `invalid_argument` for someone not in the lobby, and changes nothing. */
  admit(participantId: string): void;
  /** Throws `invalid_argument` for someone not in the lobby, and changes nothing. */
  reject(participantId: string): void;
  admitAll(): void;
}

const KINDS = /* @__PURE__ */ new Set(['teamsUser', 'phoneNumber', 'unknown']);

/**
 * A meeting's lobby, for organizers and presenters (one unit per call). A person already being admitted or
 * rejected is not asked about again until the platform answers: the port sees one request per person.
 *
 * @example
 * const lobby = callLobby(call);
 * lobby.subscribe(() => render(lobby.getSnapshot().participants));
 * lobby.admit(waiting.id);
 */
export const callLobby = /* @__PURE__ */ cachedPerCall((call: Call): CallLobby => {
  /** People with a request in flight, and whether an admit-all is in flight. */
  const pending = new Set<string>();
  let admittingAll = false;

  const unit = createFeatureUnit(call, {
    feature: 'lobby',
    reset: () => {
      pending.clear();
      admittingAll = false;
    },
    compute: ({ port, call: snapshot, allows }, previous): CallLobbySnapshot => {
      const seen = new Set<string>();
      const participants: LobbyEntry[] = [];
      for (const person of port?.getState().participants ?? []) {
        if (typeof person.id !== 'string' || person.id === '' || seen.has(person.id)) continue;
        seen.add(person.id);
        const displayName = normalizeOptionalRemoteText(person.displayName);
        participants.push({
          id: person.id,
          kind: KINDS.has(person.kind) ? person.kind : 'unknown',
          ...(displayName ? { displayName } : {}),
          pending: admittingAll || pending.has(person.id),
        });
      }
      // Someone who left the lobby has no request in flight any more.
      for (const id of pending) if (!seen.has(id)) pending.delete(id);
      const manage = allows(featureCommand('lobby', 'manageLobby'));
      const waiting = participants.some((person) => !person.pending);
      const can: CallLobbyCapabilities = {
        admit: manage && waiting,
        reject: manage && waiting,
        admitAll: manage && waiting,
      };
      return shareShallow(previous, {
        available: port !== null,
        participants: shareItems(previous?.participants, participants),
        can: shareShallow(previous?.can, can),
        canReasons: shareShallow(
          previous?.canReasons,
          definedOnly({
            admit: reasonFrom(snapshot, 'manageLobby', can.admit),
            reject: reasonFrom(snapshot, 'manageLobby', can.reject),
            admitAll: reasonFrom(snapshot, 'manageLobby', can.admitAll),
          }),
        ),
      });
    },
  });

  const waitingEntry = (participantId: unknown): LobbyEntry => {
    const entry =
      typeof participantId === 'string'
        ? unit.getSnapshot().participants.find((person) => person.id === participantId)
        : undefined;
    if (!entry) throw new TeamsEndpointError('invalid_argument', 'That person is not in the lobby.');
    return entry;
  };
  const settle = (id: string | null) => () => {
    if (id === null) admittingAll = false;
    else pending.delete(id);
    unit.refresh();
  };
  const decide = (participantId: string, how: 'admit' | 'reject') => {
    const entry = waitingEntry(participantId);
    if (entry.pending || !unit.getSnapshot().can[how]) return;
    unit.run('manageLobby', (port) => {
      pending.add(entry.id);
      unit.refresh();
      return port[how](entry.id).finally(settle(entry.id));
    });
  };

  return {
    ...observablePart(unit),
    admit: (participantId) => decide(participantId, 'admit'),
    reject: (participantId) => decide(participantId, 'reject'),
    admitAll: () => {
      if (admittingAll || !unit.getSnapshot().can.admitAll) return;
      unit.run('manageLobby', (port) => {
        admittingAll = true;
        unit.refresh();
        return port.admitAll().finally(settle(null));
      });
    },
  };
});
