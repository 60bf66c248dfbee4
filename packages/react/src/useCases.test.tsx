import { remotePartyName } from '@teams-endpoint/core';
// @vitest-environment jsdom
// The five use cases (USE-CASES.md), driven through the hooks against the simulated Fabrikam tenant.
import { fabrikam } from '@teams-endpoint/testing';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { remotely, renderStrict, setUpFabrikamTests } from './strictEndpoint.test-support';
import { useCall } from './useCall';
import { useCalls } from './useCalls';
import { useCustomers } from './useCustomers';
import { useIncomingCalls } from './useIncomingCalls';
import { useMeetings } from './useMeetings';
import { usePeople } from './usePeople';
import { useSession } from './useSession';
import { useTeamsEndpoint } from './useTeamsEndpoint';

setUpFabrikamTests();

const click = async (name: string) => fireEvent.click(await screen.findByRole('button', { name }));

/** The in-call controls, reached through `useCall` alone. */
function ActiveCall({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  return (
    <section aria-label="call">
      <output>{`${remotePartyName(snapshot.remote)}: ${snapshot.status}`}</output>
      <button type="button" disabled={!snapshot.can.mute} onClick={() => call.toggleMute()}>
        {snapshot.isMuted ? 'Unmute' : 'Mute'}
      </button>
      <button type="button" disabled={!snapshot.can.sendDtmf} onClick={() => call.sendDtmf('5')}>
        5
      </button>
      <button type="button" disabled={!snapshot.can.hold} onClick={() => call.hold()}>
        Hold
      </button>
      <button type="button" disabled={!snapshot.can.resume} onClick={() => call.resume()}>
        Resume
      </button>
      <button type="button" disabled={!snapshot.can.hangUp} onClick={() => call.hangUp()}>
        Hang up
      </button>
    </section>
  );
}

/** The ringing notice for use cases 2 and 4. */
function IncomingCallNotice() {
  const [ringing] = useIncomingCalls();
  const { call } = useCall(ringing?.id);
  const calls = useCalls();
  return (
    <>
      {ringing && (
        <div role="alertdialog" aria-label="Incoming call">
          <p data-testid="caller">{remotePartyName(ringing.remote)}</p>
          <button type="button" onClick={() => call?.accept()}>
            Accept
          </button>
          <button type="button" onClick={() => call?.reject()}>
            Decline
          </button>
        </div>
      )}
      {calls
        .filter((c) => c.status !== 'incoming')
        .map((c) => (
          <ActiveCall key={c.id} callId={c.id} />
        ))}
    </>
  );
}

/** Use case 1: sign in, then call a customer. */
function Phone() {
  const endpoint = useTeamsEndpoint();
  const session = useSession();
  const { snapshot: customers } = useCustomers();
  const [callId, setCallId] = useState<string>();
  if (session.status !== 'ready') {
    return (
      <button type="button" onClick={() => endpoint.signIn()}>
        Sign in
      </button>
    );
  }
  return (
    <>
      <p>Signed in as {session.user?.displayName}</p>
      {customers.items.map((customer) => (
        <button
          type="button"
          key={customer.id}
          onClick={() =>
            setCallId(endpoint.callPhoneNumber(customer.phoneNumber, { displayName: customer.name }).id)
          }
        >
          Call {customer.name}
        </button>
      ))}
      {callId && <ActiveCall callId={callId} />}
    </>
  );
}

/** Use case 3: search the directory, then call a colleague. */
function Directory() {
  const endpoint = useTeamsEndpoint();
  const [query, setQuery] = useState('');
  const { snapshot: people } = usePeople(query);
  const [callId, setCallId] = useState<string>();
  const { snapshot: call } = useCall(callId);
  return (
    <>
      <input aria-label="Search people" value={query} onChange={(event) => setQuery(event.target.value)} />
      <p data-testid="people">{`${people.status}: ${people.items.length}`}</p>
      {people.items.map((person) => (
        <button
          type="button"
          key={person.id}
          onClick={() => setCallId(endpoint.callTeamsUser(person.id, { displayName: person.displayName }).id)}
        >
          {person.displayName}
        </button>
      ))}
      {call && <p data-testid="thread">{call.threadId}</p>}
      {callId && <ActiveCall callId={callId} />}
    </>
  );
}

/** Use case 5: this week's meetings, each with a join button. */
function Calendar() {
  const endpoint = useTeamsEndpoint();
  const { snapshot: meetings } = useMeetings();
  const [callId, setCallId] = useState<string>();
  return (
    <>
      {meetings.items.map((meeting) => (
        <button
          type="button"
          key={meeting.id}
          onClick={() => setCallId(endpoint.joinMeeting(meeting.joinUrl, { subject: meeting.subject }).id)}
        >
          Join {meeting.subject}
        </button>
      ))}
      {callId && <ActiveCall callId={callId} />}
    </>
  );
}

describe('use cases through the React hooks', () => {
  it('1: signs in, calls a customer over PSTN, uses the in-call controls and hangs up', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ signIn: false });
    renderStrict(<Phone />, endpoint);

    await click('Sign in');
    expect(await screen.findByText('Signed in as Alice Anderson')).toBeTruthy();
    await click('Call Megan Customer');
    await remotely(() => {});
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'phoneNumber', phoneNumber: fabrikam.customers[0]!.phoneNumber });
    expect(screen.getByRole('status').textContent).toBe('Megan Customer: connecting');

    await remotely(() => remote.ring());
    expect(screen.getByRole('status').textContent).toBe('Megan Customer: ringing');
    await remotely(() => remote.answer());
    expect(screen.getByRole('status').textContent).toBe('Megan Customer: connected');

    await click('Mute');
    expect(await screen.findByRole('button', { name: 'Unmute' })).toBeTruthy();
    await click('5');
    await click('Hold');
    expect(await screen.findByText('Megan Customer: on_hold')).toBeTruthy();
    await click('Resume');
    expect(await screen.findByText('Megan Customer: connected')).toBeTruthy();
    expect(remote.dtmfSent).toEqual(['5']);

    await click('Hang up');
    expect(await screen.findByText('Megan Customer: ended')).toBeTruthy();
    expect(endpoint.getSnapshot().calls[0]).toMatchObject({ outcome: 'completed' });
  });

  it('2: an incoming PSTN call shows the customer name while ringing; accept connects it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<IncomingCallNotice />, endpoint);
    const megan = fabrikam.customers[0]!;

    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber }),
    );
    expect(screen.getByTestId('caller').textContent).toBe(megan.name);

    await click('Accept');
    expect(await screen.findByText(`${megan.name}: connected`)).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(world.calling.incomingCalls[0]!.status).toBe('accepted');
  });

  it('2: declining ends the incoming call as rejected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<IncomingCallNotice />, endpoint);
    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+12065550199' }),
    );
    expect(screen.getByTestId('caller').textContent).toBe('+12065550199');
    await click('Decline');
    expect(await screen.findByText('+12065550199: ended')).toBeTruthy();
    expect(world.calling.incomingCalls[0]!.status).toBe('rejected');
  });

  it('3: searches people, calls a colleague on the 1:1 chat thread and hangs up', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<Directory />, endpoint);
    expect(await screen.findByText(`loaded: ${fabrikam.people.length}`)).toBeTruthy();
    expect(world.graph.requests.filter((request) => request.path === '/users')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Search people'), { target: { value: 'meg' } });
    await screen.findByText(/^loaded: [1-9]$/);
    expect(world.graph.requests.some((request) => request.search.$search?.includes('meg'))).toBe(true);

    await click('Megan Bowen');
    expect(await screen.findByText('Megan Bowen: connecting')).toBeTruthy();
    const [chat] = [...world.graph.chats.values()];
    expect(screen.getByTestId('thread').textContent).toBe(chat!.id);
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'teamsUser', userId: fabrikam.meganId, threadId: chat!.id });

    await remotely(() => remote.answer());
    expect(screen.getByRole('status').textContent).toBe('Megan Bowen: connected');
    await click('Hang up');
    expect(await screen.findByText('Megan Bowen: ended')).toBeTruthy();
  });

  it("4: an incoming Teams call shows the caller's Graph name; accept connects it", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<IncomingCallNotice />, endpoint);

    await remotely(() => world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }));
    expect(await screen.findByText('Megan Bowen')).toBeTruthy();

    await click('Accept');
    expect(await screen.findByText('Megan Bowen: connected')).toBeTruthy();
    await remotely(() => world.calling.incomingCalls[0]!.call!.remoteHangUp());
    expect(screen.getByRole('status').textContent).toBe('Megan Bowen: ended');
  });

  it('4: a hostile caller name is rendered as text', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { container } = renderStrict(<IncomingCallNotice />, endpoint);
    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.hostilePersonId }),
    );
    expect(await screen.findByText(fabrikam.hostileDisplayName)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it("5: lists this week's meetings, joins one, waits in the lobby and is admitted", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    renderStrict(<Calendar />, endpoint);
    world.calling.scriptNextMeeting('manual');
    await click('Join Project Tailspin');
    expect(world.graph.requests.filter((r) => r.path === '/me/calendar/calendarView')).toHaveLength(1);
    await remotely(() => {});
    const remote = world.calling.lastCall();

    await remotely(() => remote.putInLobby());
    expect(screen.getByRole('status').textContent).toBe('Project Tailspin: in_lobby');
    expect(screen.getByRole('button', { name: '5' }).hasAttribute('disabled')).toBe(true);
    await remotely(() => remote.admit());
    expect(screen.getByRole('status').textContent).toBe('Project Tailspin: connected');

    await click('Hang up');
    expect(await screen.findByText('Project Tailspin: ended')).toBeTruthy();
  });
});
