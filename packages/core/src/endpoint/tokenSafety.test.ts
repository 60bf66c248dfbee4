// Tokens never appear in snapshots, errors or logs.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

describe('token safety', () => {
  it('no issued token appears in any snapshot, error or console output across the five flows', async () => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) =>
        logged.push(args.map(String).join(' ')),
      );
    }
    const { world, endpoint } = await createFabrikamEndpoint();
    const seen: unknown[] = [];
    endpoint.subscribe(() => seen.push(endpoint.getSnapshot()));

    endpoint.customers.load();
    endpoint.people.load('meg');
    endpoint.meetings.load();
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    await waitForSnapshot(endpoint.meetings, (s) => s.status === 'loaded');
    const pstn = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    const teams = endpoint.callTeamsUser(fabrikam.meganId);
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    world.graph.faults.failNext({ status: 403, pathIncludes: '/users/' });
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.people[5]!.id });
    await settle();
    pstn.hangUp();
    teams.hangUp();
    await Promise.all([pstn.whenEnded(), teams.whenEnded()]);
    await endpoint.signOut();

    const everything = JSON.stringify({
      seen,
      endpoint: endpoint.getSnapshot(),
      people: endpoint.people.getSnapshot(),
      meetings: endpoint.meetings.getSnapshot(),
      customers: endpoint.customers.getSnapshot(),
      logged,
    });
    expect(world.identity.issuedTokens.length).toBeGreaterThan(2);
    for (const token of world.identity.issuedTokens) expect(everything).not.toContain(token);
  });

  it('errors redact anything that looks like a token', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl';
    const error = new TeamsEndpointError(
      'token_exchange_failed',
      `Exchange failed for Bearer ${jwt} at https://x/?access_token=abc123`,
    );
    expect(error.message).not.toContain(jwt);
    expect(error.message).not.toContain('abc123');
    expect(JSON.stringify(error)).not.toContain(jwt);
  });
});
