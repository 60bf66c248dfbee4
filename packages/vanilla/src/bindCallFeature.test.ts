import {
  type CallDiagnosticsSnapshot,
  type CallRaisedHandsSnapshot,
  callDiagnostics,
  callRaisedHands,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { bindCallFeature } from './bindCallFeature';
import { meetingAndPhoneCall } from './callFeatures.test-support';

useGraphServer();

describe('bindCallFeature', () => {
  it('renders now, then once per burst of changes of that feature only', async () => {
    const { meeting, remote, ids } = await meetingAndPhoneCall(5);
    meeting.resume();
    await settle();
    const seen: CallRaisedHandsSnapshot[] = [];
    const stop = bindCallFeature(meeting, callRaisedHands, (hands) => seen.push(hands));
    expect(seen).toEqual([callRaisedHands(meeting).getSnapshot()]);
    expect(seen[0]).toMatchObject({ available: true, hands: [] });

    for (const id of ids.slice(0, 3)) remote.raiseRemoteHand(id);
    remote.lowerRemoteHand(ids[1]!);
    await settle();
    expect(seen).toHaveLength(2);
    expect(seen[1]!.hands.map((hand) => hand.participantId)).toEqual([ids[0], ids[2]]);

    // Another feature and the roster change: the raised hands do not.
    remote.setDiagnostic('network_send', 'poor');
    remote.updateParticipant(ids[4]!, { isSpeaking: true });
    await settle();
    expect(seen).toHaveLength(2);
    stop();
  });

  it('renders an unavailable feature of a phone call, and unbinds every listener, once', async () => {
    const { phoneCall, meeting, remote, listeners } = await meetingAndPhoneCall(1);
    const baseline = listeners();
    const seen: CallDiagnosticsSnapshot[] = [];
    const stopMeeting = bindCallFeature(meeting, callDiagnostics, (diagnostics) => seen.push(diagnostics));
    const stopPhone = bindCallFeature(phoneCall, callRaisedHands, (hands) =>
      expect(hands).toMatchObject({ available: false, hands: [], can: { raise: false } }),
    );
    expect(listeners().subscribers).toBe(baseline.subscribers + 2);
    expect(listeners().portListeners).toBeGreaterThan(baseline.portListeners);

    stopMeeting();
    stopMeeting();
    stopPhone();
    expect(listeners()).toEqual(baseline);
    remote.setDiagnostic('network_send', 'bad');
    await settle();
    expect(seen).toHaveLength(1);
    // Unbinding again, after another binding of the same unit, leaves that binding alone.
    const again = bindCallFeature(meeting, callDiagnostics, (diagnostics) => seen.push(diagnostics));
    stopMeeting();
    remote.setDiagnostic('network_send', null);
    await settle();
    expect(seen.map((diagnostics) => diagnostics.notices.length)).toEqual([0, 1, 0]);
    again();
    expect(listeners()).toEqual(baseline);
  });
});
