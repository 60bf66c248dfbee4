import type { DiagnosticKind } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { connectedCalling, featuresOf, liveCall, notifications } from './fakeCalling.test-support';

describe('fake user-facing diagnostics', () => {
  it('keep one condition per kind, in the order raised; null clears', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    const { diagnostics } = featuresOf(handle);
    const seen = notifications(diagnostics);
    remote.setDiagnostic('network_send', 'poor');
    remote.setDiagnostic('no_microphone', 'bad');
    remote.setDiagnostic('network_send', 'bad');
    expect(diagnostics.getState().conditions).toEqual([
      { kind: 'network_send', severity: 'bad' },
      { kind: 'no_microphone', severity: 'bad' },
    ]);
    remote.setDiagnostic('network_send', null);
    expect(diagnostics.getState().conditions).toEqual([{ kind: 'no_microphone', severity: 'bad' }]);
    expect(seen.count).toBe(4);
  });

  it('notify on a change only', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    const { diagnostics } = featuresOf(handle);
    const seen = notifications(diagnostics);
    remote.setDiagnostic('speaking_while_muted', null);
    remote.setDiagnostic('camera_frozen', 'poor');
    remote.setDiagnostic('camera_frozen', 'poor');
    expect(seen.count).toBe(1);
  });

  it('refuse a kind or severity that does not exist', async () => {
    const { remote } = await liveCall(await connectedCalling());
    expect(() => remote.setDiagnostic('cpu_hot' as DiagnosticKind, 'bad')).toThrow();
    expect(() => remote.setDiagnostic('no_speaker', 'awful' as 'bad')).toThrow();
  });
});
