// Test support shared by the adapters' call-feature tests (React and Vue import it too): a meeting with
// participants and a phone call on one endpoint, and every listener the endpoint and the fake port hold.
import { fabrikam } from '@teams-endpoint/testing';
import { settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { meetingWithParticipants } from './meetingMedia.test-support';

/** A meeting, admitted, with `count` remote participants, then a connected PSTN call (it holds the meeting). */
export async function meetingAndPhoneCall(count: number) {
  const { world, endpoint, call: meeting, remote, ids } = await meetingWithParticipants(count);
  const phoneCall = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
  await settle();
  world.calling.lastCall().answer();
  await settle();
  /** The endpoint's subscribers and the fake port's listeners now: compare with a baseline taken earlier. */
  const listeners = () => ({
    subscribers: endpoint.getSubscriberCount(),
    portListeners: world.calling.listenerCount(),
  });
  return { world, endpoint, meeting, remote, ids, phoneCall, listeners };
}
