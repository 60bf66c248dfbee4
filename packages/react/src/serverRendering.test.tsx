// Server rendering: the hooks give React a server snapshot (the units' current state), so no DOM is needed.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { setUpFabrikamTests } from './strictEndpoint.test-support';
import { TeamsEndpointProvider } from './TeamsEndpointProvider';
import { useCalls } from './useCalls';
import { usePeople } from './usePeople';
import { useSession } from './useSession';

setUpFabrikamTests();

function Header() {
  const session = useSession();
  const calls = useCalls();
  const { snapshot: people } = usePeople();
  return (
    <p>{`${session.status}, ${session.user?.displayName ?? 'nobody'}, ${calls.length} calls, people ${people.status}`}</p>
  );
}

describe('server rendering', () => {
  it('renders the current snapshot without subscribing or loading', async () => {
    const { endpoint } = await createFabrikamEndpoint();
    const baseline = endpoint.getSubscriberCount();
    const html = renderToString(
      <TeamsEndpointProvider value={endpoint}>
        <Header />
      </TeamsEndpointProvider>,
    );
    expect(html).toContain('ready, Alice Anderson, 0 calls, people idle');
    expect(endpoint.getSubscriberCount()).toBe(baseline);
    expect(endpoint.people.getSnapshot().status).toBe('idle');
  });
});
