import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { ADELE, callFeatureWorld, MEGAN } from './callFeatureWorld.test-support';

async function meetingLobby(role: 'Organizer' | 'Attendee' = 'Organizer') {
  const setup = await callFeatureWorld('meeting');
  setup.stub.role = role;
  const lobby = setup.handle.features.lobby;
  if (!lobby) throw new Error('The meeting has no lobby.');
  return { ...setup, lobby, sdkLobby: setup.stub.lobby };
}

const ADELE_ID = `8:orgid:${ADELE}`;
const MEGAN_ID = `8:orgid:${MEGAN}`;

describe('lobby', () => {
  it('lists who waits, in the order they arrived, and follows lobbyParticipantsUpdated', async () => {
    const { lobby, sdkLobby } = await meetingLobby();
    const listener = vi.fn();
    lobby.subscribe(listener);
    sdkLobby.arrive(ADELE, 'Adele Vance');
    sdkLobby.arrive(MEGAN);
    expect(lobby.getState()).toEqual({
      participants: [
        { id: ADELE_ID, kind: 'teamsUser', displayName: 'Adele Vance' },
        { id: MEGAN_ID, kind: 'teamsUser', displayName: `Person ${MEGAN.slice(-4)}` },
      ],
    });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('admits and rejects with the participant’s own identifier', async () => {
    const { lobby, sdkLobby, handle } = await meetingLobby();
    const adele = sdkLobby.arrive(ADELE);
    const megan = sdkLobby.arrive(MEGAN);
    await lobby.admit(ADELE_ID);
    await lobby.reject(MEGAN_ID);
    expect(sdkLobby.admitted).toEqual([adele.identifier]);
    expect(sdkLobby.admitted[0]).toBe(adele.identifier);
    expect(sdkLobby.rejected).toEqual([megan.identifier]);
    expect(lobby.getState().participants).toEqual([]);
    expect(handle.getState().participants.map((p) => [p.id, p.state])).toEqual([[ADELE_ID, 'connected']]);
  });

  it('refuses someone not (or no longer) in the lobby with not_found, before the SDK', async () => {
    const { lobby, sdkLobby } = await meetingLobby();
    sdkLobby.arrive(ADELE);
    await lobby.admit(ADELE_ID);
    for (const id of [ADELE_ID, '8:orgid:nobody']) {
      const error = await typedRejection(lobby.admit(id));
      expect(error).toMatchObject({
        code: 'not_found',
        details: { reason: 'not_in_lobby', participantId: id },
      });
    }
    expect(sdkLobby.admitted).toHaveLength(1);
  });

  it('an attendee may not admit: the SDK’s 403/41805 is forbidden, for the role', async () => {
    const { lobby, sdkLobby } = await meetingLobby('Attendee');
    sdkLobby.arrive(ADELE);
    const error = await typedRejection(lobby.admit(ADELE_ID));
    expect(error).toMatchObject({
      code: 'forbidden',
      details: { reason: 'role', code: 403, subCode: 41805 },
    });
    await expect(lobby.admitAll()).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('admits everyone; a partial admission is call_failed with the counts', async () => {
    const { lobby, sdkLobby } = await meetingLobby();
    sdkLobby.arrive(ADELE);
    sdkLobby.arrive(MEGAN);
    sdkLobby.admitAllFailures = 1;
    const error = await typedRejection(lobby.admitAll());
    expect(error).toMatchObject({
      code: 'call_failed',
      details: { reason: 'admit_failed', successCount: 1, failureCount: 1 },
    });
    await lobby.admitAll();
    expect(lobby.getState().participants).toEqual([]);
  });

  it('removes its handler with the same function', async () => {
    const { lobby, sdkLobby, registry } = await meetingLobby();
    const stop = lobby.subscribe(() => undefined);
    expect(sdkLobby.listenerCount()).toBe(1);
    stop();
    expect(sdkLobby.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('only meetings have a lobby', async () => {
    expect((await callFeatureWorld('teams')).handle.features.lobby).toBeUndefined();
  });
});
