// @vitest-environment jsdom
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import {
  createFabrikamEndpoint,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import {
  button,
  mountWithEndpoint,
  remotely,
  untilText,
  useMountCleanup,
} from './endpointMount.test-support';
import { useCallHistory } from './useCallHistory';

useGraphServer();
useMountCleanup();

describe('useCallHistory', () => {
  it('loads the stored history once mounted, lists a call as it ends, and redials it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(() => {
      const { snapshot, history } = useCallHistory();
      return () =>
        h('div', [
          h('output', snapshot.value.status),
          h(
            'ul',
            snapshot.value.items.map((entry) =>
              h('li', { key: entry.id }, [
                `${entry.remote.kind === 'phoneNumber' ? entry.remote.phoneNumber : ''} ${entry.outcome}`,
                h('button', { type: 'button', onClick: () => history.redial(entry.id) }, 'Call again'),
              ]),
            ),
          ),
        ]);
    }, endpoint);
    await untilText(wrapper, 'loaded');
    const megan = fabrikam.customers[0]!;
    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber }),
    );
    await remotely(() => world.calling.incomingCalls[0]!.callerHangsUp());
    await untilText(wrapper, `${megan.phoneNumber} missed`);
    expect(wrapper.findAll('li')).toHaveLength(1);

    await button(wrapper, 'Call again').trigger('click');
    await remotely(() => undefined);
    expect(endpoint.getSnapshot().calls.at(-1)).toMatchObject({
      kind: 'outbound_pstn',
      remote: { phoneNumber: megan.phoneNumber },
    });
    await endpoint.dispose();
  });
});
