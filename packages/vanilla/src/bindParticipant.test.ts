import type { CallParticipant } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { bindParticipant } from './bindParticipant';
import { countParticipantSubscriptions, meetingWithParticipants } from './meetingMedia.test-support';

useGraphServer();

describe('bindParticipant', () => {
  it('renders now, then once per change of that participant only', async () => {
    const { call, remote, ids } = await meetingWithParticipants(50);
    const seen: (CallParticipant | undefined)[] = [];
    const stop = bindParticipant(call, ids[4]!, (participant) => seen.push(participant));
    expect(seen).toEqual([call.getParticipant(ids[4]!)]);

    for (const id of ids) if (id !== ids[4]) remote.updateParticipant(id, { isSpeaking: true });
    await settle();
    expect(seen).toHaveLength(1);

    remote.updateParticipant(ids[4]!, { isSpeaking: true });
    remote.updateParticipant(ids[4]!, { isMuted: false });
    await settle();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ isSpeaking: true, isMuted: false });

    remote.removeParticipants([ids[4]!]);
    await settle();
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBeUndefined();
    stop();
  });

  it('renders undefined for someone not in the call, and unsubscribes', async () => {
    const { call, remote, ids } = await meetingWithParticipants(2);
    const open = countParticipantSubscriptions(call);
    const seen: (CallParticipant | undefined)[] = [];
    const stop = bindParticipant(call, 'nobody', (participant) => seen.push(participant));
    const stopOther = bindParticipant(call, ids[0]!, () => {});
    expect(seen).toEqual([undefined]);
    expect(open()).toBe(2);
    stop();
    stopOther();
    expect(open()).toBe(0);
    remote.updateParticipant(ids[0]!, { isSpeaking: true });
    await settle();
    expect(seen).toEqual([undefined]);
  });
});
