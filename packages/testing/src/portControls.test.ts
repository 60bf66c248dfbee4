import { TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it, vi } from 'vitest';
import { createPortControls } from './portControls';
import { typedRejection } from './typedRejection';

describe('createPortControls', () => {
  it('counts calls and applies an injected failure `times` times', async () => {
    const controls = createPortControls(['signIn', 'signOut'] as const);
    const refused = new TeamsEndpointError('sign_in_failed', 'No.');
    controls.failNext('signIn', refused, 2);
    expect(await typedRejection(controls.enter('signIn'))).toBe(refused);
    expect(await typedRejection(controls.enter('signIn'))).toBe(refused);
    await controls.enter('signIn');
    await controls.enter('signOut');
    expect(controls.calls).toEqual({ signIn: 3, signOut: 1 });
  });

  it('holds a deferred call until the test resolves or rejects it', async () => {
    const controls = createPortControls(['connect'] as const);
    const held = controls.deferNext('connect');
    let done = false;
    const entering = controls.enter('connect').then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    held.resolve();
    await entering;
    expect(done).toBe(true);

    const failure = new TeamsEndpointError('network', 'Gone.');
    controls.deferNext('connect').reject(failure);
    expect(await typedRejection(controls.enter('connect'))).toBe(failure);
  });

  it('gives up a held call with the typed aborted error when the signal aborts, and removes its listener', async () => {
    const controls = createPortControls(['connect'] as const);
    controls.deferNext('connect');
    const controller = new AbortController();
    const entering = controls.enter('connect', controller.signal);
    controller.abort();
    expect(await typedRejection(entering)).toMatchObject({ code: 'aborted' });

    const settled = new AbortController();
    const stopListening = vi.spyOn(settled.signal, 'removeEventListener');
    controls.deferNext('connect').resolve();
    await controls.enter('connect', settled.signal);
    expect(stopListening).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
