// @vitest-environment jsdom
import { remotePartyName } from '@teams-endpoint/core';
import { fabrikam } from '@teams-endpoint/testing';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { remotely, renderStrict, setUpFabrikamTests } from './strictEndpoint.test-support';
import { useCallHistory } from './useCallHistory';
import { useCalls } from './useCalls';

setUpFabrikamTests();

function RecentCalls() {
  const { snapshot, history } = useCallHistory();
  const calls = useCalls();
  return (
    <>
      <output data-testid="status">{snapshot.status}</output>
      <ul aria-label="history">
        {snapshot.items.map((entry) => (
          <li key={entry.id}>
            {`${entry.remote.kind === 'phoneNumber' ? entry.remote.phoneNumber : ''} ${entry.outcome}`}
            <button type="button" onClick={() => history.redial(entry.id)}>
              Call again
            </button>
          </li>
        ))}
      </ul>
      <output data-testid="calls">
        {calls.map((call) => `${remotePartyName(call.remote)}:${call.status}`).join(',')}
      </output>
    </>
  );
}

describe('useCallHistory', () => {
  it('loads the stored history, lists a call as it ends, and redials it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<RecentCalls />, endpoint);
    expect(await screen.findByText('loaded')).toBeTruthy();
    const megan = fabrikam.customers[0]!;

    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber }),
    );
    await remotely(() => world.calling.incomingCalls[0]!.callerHangsUp());
    const entry = await screen.findByText(`${megan.phoneNumber} missed`);
    expect(screen.getAllByRole('listitem')).toHaveLength(1);

    fireEvent.click(entry.querySelector('button')!);
    await remotely(() => undefined);
    const redialed = endpoint.getSnapshot().calls.at(-1)!;
    expect(redialed).toMatchObject({ kind: 'outbound_pstn', remote: { phoneNumber: megan.phoneNumber } });
    expect(screen.getByTestId('calls').textContent).toContain(`${megan.name}:`);
    await endpoint.dispose();
  });
});
