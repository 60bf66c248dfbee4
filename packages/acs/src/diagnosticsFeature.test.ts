import type { DiagnosticCondition } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { callFeatureWorld } from './callFeatureWorld.test-support';

async function diagnosedCall() {
  const setup = await callFeatureWorld('teams');
  const diagnostics = setup.handle.features.diagnostics;
  if (!diagnostics) throw new Error('The call has no diagnostics.');
  const { network, media } = setup.stub.diagnosticsFeature;
  return { ...setup, diagnostics, network, media };
}

describe('user-facing diagnostics', () => {
  it('starts from getLatest()', async () => {
    const setup = await callFeatureWorld('teams');
    setup.stub.diagnosticsFeature.media.raise('noMicrophoneDevicesEnumerated', true);
    expect(setup.handle.features.diagnostics?.getState()).toEqual({
      conditions: [{ kind: 'no_microphone', severity: 'bad' }],
    });
  });

  it.each<[string, (s: Awaited<ReturnType<typeof diagnosedCall>>) => void, DiagnosticCondition[]]>([
    [
      'send quality poor',
      ({ network }) => network.raise('networkSendQuality', 2),
      [{ kind: 'network_send', severity: 'poor' }],
    ],
    [
      'receive quality bad',
      ({ network }) => network.raise('networkReceiveQuality', 3),
      [{ kind: 'network_receive', severity: 'bad' }],
    ],
    [
      'quality good again',
      ({ network }) => {
        network.raise('networkReceiveQuality', 3);
        network.raise('networkReceiveQuality', 1);
      },
      [],
    ],
    [
      'no network',
      ({ network }) => network.raise('noNetwork', true),
      [{ kind: 'network_unavailable', severity: 'bad' }],
    ],
    [
      'relays not reachable with no network: one condition',
      ({ network }) => {
        network.raise('noNetwork', true);
        network.raise('networkRelaysNotReachable', true);
      },
      [{ kind: 'network_unavailable', severity: 'bad' }],
    ],
    [
      'reconnecting',
      ({ network }) => network.raise('networkReconnect', 2),
      [{ kind: 'network_reconnecting', severity: 'poor' }],
    ],
    [
      'microphone not working',
      ({ media }) => media.raise('microphoneNotFunctioning', true),
      [{ kind: 'microphone_not_working', severity: 'bad' }],
    ],
    [
      'microphone muted by the system',
      ({ media }) => media.raise('microphoneMuteUnexpectedly', true),
      [{ kind: 'microphone_muted_by_system', severity: 'bad' }],
    ],
    [
      'no speaker',
      ({ media }) => media.raise('noSpeakerDevicesEnumerated', true),
      [{ kind: 'no_speaker', severity: 'bad' }],
    ],
    [
      'camera frozen',
      ({ media }) => media.raise('cameraFreeze', true),
      [{ kind: 'camera_frozen', severity: 'poor' }],
    ],
    [
      'camera start timed out',
      ({ media }) => media.raise('cameraStartTimedOut', true),
      [{ kind: 'camera_start_failed', severity: 'bad' }],
    ],
    [
      'camera start failed, then fine',
      ({ media }) => {
        media.raise('cameraStartFailed', true);
        media.raise('cameraStartFailed', false);
      },
      [],
    ],
    [
      'speaking while muted',
      ({ media }) => media.raise('speakingWhileMicrophoneIsMuted', true),
      [{ kind: 'speaking_while_muted', severity: 'poor' }],
    ],
    [
      'a diagnostic it does not report (silent microphone)',
      ({ media }) => media.raise('microphoneNotMuteButSilent', true),
      [],
    ],
  ])('%s', async (_name, raise, conditions) => {
    const setup = await diagnosedCall();
    setup.diagnostics.subscribe(() => undefined);
    raise(setup);
    expect(setup.diagnostics.getState().conditions).toEqual(conditions);
  });

  it('reports conditions in a stable order, network first', async () => {
    const { diagnostics, network, media } = await diagnosedCall();
    media.raise('speakingWhileMicrophoneIsMuted', true);
    network.raise('networkSendQuality', 3);
    expect(diagnostics.getState().conditions.map((condition) => condition.kind)).toEqual([
      'network_send',
      'speaking_while_muted',
    ]);
  });

  it('tells its listeners only when the conditions changed, and removes the same handlers', async () => {
    const { diagnostics, network, registry } = await diagnosedCall();
    let calls = 0;
    const stop = diagnostics.subscribe(() => {
      calls += 1;
    });
    network.raise('networkSendQuality', 1);
    expect(calls).toBe(0);
    network.raise('networkSendQuality', 2);
    network.raise('networkSendQuality', 2);
    expect(calls).toBe(1);
    stop();
    expect(network.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });
});
