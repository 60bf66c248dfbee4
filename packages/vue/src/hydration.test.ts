// @vitest-environment jsdom
// Hydration: the client's first render over the server's HTML is the same render (no mismatch), and only
// then, once mounted, do the composables subscribe, load and bind video, and the page follows the endpoint.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { meetingAndPhoneCall } from '../../vanilla/src/callFeatures.test-support';
import { remotely } from './endpointMount.test-support';
import { EveryComposable } from './everyComposable.test-support';
import { createTeamsEndpointPlugin } from './teamsEndpointInjection';

useGraphServer();

const page = document.createElement('div');
afterEach(() => page.remove());

describe('hydration', () => {
  it('hydrates the server HTML without a mismatch, then follows the endpoint until unmounted', async () => {
    const { world, endpoint, meeting, phoneCall, remote, ids, listeners } = await meetingAndPhoneCall(3);
    remote.setParticipantVideo(ids[0]!, true);
    await settle();
    const baseline = listeners();
    const app = () =>
      createSSRApp(EveryComposable, { meeting, phoneCall, participantId: ids[0] }).use(
        createTeamsEndpointPlugin(endpoint),
      );
    const html = await renderToString(app());
    page.innerHTML = html;
    document.body.append(page);
    const serverText = page.textContent;
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');

    const client = app();
    client.mount(page);
    expect(page.textContent).toBe(serverText);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(listeners().subscribers).toBeGreaterThan(baseline.subscribers);

    await remotely(() => {
      phoneCall.hold();
      remote.raiseRemoteHand(ids[1]!);
    });
    await vi.waitFor(() => expect(page.textContent).toContain('people loaded'));
    await vi.waitFor(() => expect(page.textContent).toContain('history loaded'));
    expect(page.textContent).toContain('phone on_hold');
    expect(page.textContent).toContain('3 participants, 1 hands');
    expect(page.querySelector('figure')?.dataset.state).toBe('rendered');
    expect(world.calling.liveViewCount()).toBe(2);

    client.unmount();
    await settle();
    expect(listeners()).toEqual(baseline);
    expect(world.calling.liveViewCount()).toBe(0);
  });
});
