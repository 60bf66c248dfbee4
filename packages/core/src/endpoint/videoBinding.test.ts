// Rendering a call's streams: a binding renders while its stream is available, disposes the view when the
// stream or the call goes, and never leaves a view behind, whatever order the port, the remote side and the
// app act in. The fake port counts live views; every test ends with none.
import { fabrikam } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { LOCAL_STREAM_IDS } from '../ports/callingPort';
import type { Call } from './callUnit';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { bindVideoStream, type VideoBindingState } from './videoBinding';

useGraphServer();

/** In Node the fake's views touch no DOM: any object stands for the container. */
const container = () => ({}) as HTMLElement;

async function meetingWith(count: number) {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeeting(
    fabrikam.calendarWeek(new Date()).find((event) => event.onlineMeeting)!.onlineMeeting!.joinUrl,
  );
  await settle();
  const remote = world.calling.lastCall();
  remote.admit();
  const people = remote.addParticipants(count);
  await settle();
  return { world, endpoint, call, remote, people };
}

const cameraOf = (call: Call, participantId: string) =>
  call.getParticipant(participantId)!.videoStreams.find((stream) => stream.kind === 'video')!.id;

describe('bindVideoStream', () => {
  it('renders a remote camera while it is on, and follows it off, on, out of the call and to the call’s end', async () => {
    const { world, endpoint, call, remote, people } = await meetingWith(3);
    const person = people[1]!;
    remote.setParticipantVideo(person.id, true);
    await settle();
    const states: VideoBindingState[] = [];
    const binding = bindVideoStream(call, cameraOf(call, person.id), container(), {
      onStateChange: (state) => states.push(state),
    });
    await settle();
    expect(binding.state).toBe('rendered');
    expect(world.calling.liveViewCount()).toBe(1);

    remote.setParticipantVideo(person.id, false);
    await settle();
    expect(binding.state).toBe('waiting');
    expect(world.calling.liveViewCount()).toBe(0);

    remote.setParticipantVideo(person.id, true);
    await settle();
    expect(binding.state).toBe('rendered');
    remote.removeParticipants([person.id]);
    await settle();
    expect(binding.state).toBe('waiting');
    expect(world.calling.liveViewCount()).toBe(0);

    remote.addParticipants([person]);
    remote.setParticipantVideo(person.id, true);
    await settle();
    expect(binding.state).toBe('rendered');
    remote.remoteHangUp();
    await settle();
    expect(binding.state).toBe('ended');
    expect(world.calling.liveViewCount()).toBe(0);
    expect(states).toEqual([
      'rendering',
      'rendered',
      'waiting',
      'rendering',
      'rendered',
      'waiting',
      'rendering',
      'rendered',
      'ended',
    ]);
    await endpoint.dispose();
  });

  it('the local preview renders while the camera is on', async () => {
    const { world, endpoint, call } = await meetingWith(0);
    const binding = bindVideoStream(call, LOCAL_STREAM_IDS.video, container());
    await settle();
    expect(binding.state).toBe('waiting');
    call.startVideo();
    await settle();
    expect(call.getSnapshot().localStreams.map((stream) => stream.id)).toEqual([LOCAL_STREAM_IDS.video]);
    expect(binding.state).toBe('rendered');
    expect(world.calling.lastCall().liveViews).toBe(1);
    call.stopVideo();
    await settle();
    expect(binding.state).toBe('waiting');
    expect(world.calling.liveViewCount()).toBe(0);
    binding.dispose();
    await endpoint.dispose();
  });

  it('a binding disposed while the view is on its way disposes the view when it arrives', async () => {
    const { world, endpoint, call, remote, people } = await meetingWith(1);
    remote.setParticipantVideo(people[0]!.id, true);
    await settle();
    const render = world.calling.deferNext('renderStream');
    const binding = bindVideoStream(call, cameraOf(call, people[0]!.id), container());
    expect(binding.state).toBe('rendering');
    binding.dispose();
    render.resolve();
    await settle();
    expect(binding.state).toBe('ended');
    expect(world.calling.liveViewCount()).toBe(0);
    await endpoint.dispose();
  });

  it('a refused render is failed, typed, and is tried again only when the stream comes back', async () => {
    const { world, endpoint, call, remote, people } = await meetingWith(1);
    const id = people[0]!.id;
    remote.setParticipantVideo(id, true);
    await settle();
    world.calling.failNext(
      'renderStream',
      new TeamsEndpointError('service_error', 'Simulated: no renderer.'),
    );
    const binding = bindVideoStream(call, cameraOf(call, id), container());
    await settle();
    expect(binding.state).toBe('failed');
    expect(binding.error?.code).toBe('service_error');
    remote.updateParticipant(id, { isSpeaking: true });
    await settle();
    expect(world.calling.methodCalls.renderStream).toBe(1);
    remote.setParticipantVideo(id, false);
    await settle();
    remote.setParticipantVideo(id, true);
    await settle();
    expect(binding.state).toBe('rendered');
    binding.dispose();
    expect(world.calling.liveViewCount()).toBe(0);
    await endpoint.dispose();
  });

  it('bad input is refused with invalid_argument, and binds nothing', async () => {
    const { world, endpoint, call } = await meetingWith(0);
    const before = world.calling.methodCalls.renderStream;
    const attempts = [
      () => bindVideoStream({ ...call } as Call, LOCAL_STREAM_IDS.video, container()),
      () => bindVideoStream(null as unknown as Call, LOCAL_STREAM_IDS.video, container()),
      () => bindVideoStream(call, '', container()),
      () => bindVideoStream(call, 42 as unknown as string, container()),
      () => bindVideoStream(call, LOCAL_STREAM_IDS.video, null as unknown as HTMLElement),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(world.calling.methodCalls.renderStream).toBe(before);
    await endpoint.dispose();
  });

  it('200 calls with video, each rendered locally and remotely, leave no live view', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    for (let i = 0; i < 200; i++) {
      world.calling.scriptNextOutbound('answer');
      const call = endpoint.callPhoneNumber(fabrikam.customers[i % fabrikam.customers.length]!.phoneNumber);
      while (call.getSnapshot().status !== 'connected') await settle();
      const remote = world.calling.lastCall();
      const [person] = remote.addParticipants(1);
      remote.setParticipantVideo(person!.id, true);
      call.startVideo();
      await settle();
      const local = bindVideoStream(call, LOCAL_STREAM_IDS.video, container());
      const far = bindVideoStream(call, cameraOf(call, person!.id), container());
      await settle();
      expect([local.state, far.state]).toEqual(['rendered', 'rendered']);
      if (i % 2 === 0) call.hangUp();
      else remote.remoteHangUp();
      await call.whenEnded();
      await settle();
      expect([local.state, far.state]).toEqual(['ended', 'ended']);
      world.calling.forgetEndedCalls();
    }
    expect(world.calling.liveViewCount()).toBe(0);
    await endpoint.dispose();
  }, 30_000);
});

type Step =
  | { readonly type: 'video'; readonly on: boolean }
  | { readonly type: 'leave' }
  | { readonly type: 'rejoin' }
  | { readonly type: 'answerRender'; readonly fail: boolean }
  | { readonly type: 'dispose' }
  | { readonly type: 'bind' }
  | { readonly type: 'endCall' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.boolean().map((on): Step => ({ type: 'video', on })),
  fc.constant<Step>({ type: 'leave' }),
  fc.constant<Step>({ type: 'rejoin' }),
  fc.boolean().map((fail): Step => ({ type: 'answerRender', fail })),
  fc.constant<Step>({ type: 'dispose' }),
  fc.constant<Step>({ type: 'bind' }),
  fc.constant<Step>({ type: 'endCall' }),
);

describe('bindVideoStream (property)', () => {
  it('whatever the order of stream changes, render answers, disposals and the call’s end: a view lives only for a rendered binding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { world, endpoint, call, remote, people } = await meetingWith(1);
        const person = people[0]!;
        const streamId = `${person.id}/video`;
        const renders = world.calling.holdAll('renderStream');
        const bindings: ReturnType<typeof bindVideoStream>[] = [];
        let present = true;
        try {
          for (const next of steps) {
            if (next.type === 'video' && present) remote.setParticipantVideo(person.id, next.on);
            else if (next.type === 'leave' && present) {
              remote.removeParticipants([person.id]);
              present = false;
            } else if (next.type === 'rejoin' && !present) {
              remote.addParticipants([person]);
              present = true;
            } else if (next.type === 'answerRender' && renders.pending > 0) {
              if (next.fail) renders.rejectNext(new TeamsEndpointError('service_error', 'Simulated.'));
              else renders.resolveNext();
            } else if (next.type === 'dispose') bindings.at(-1)?.dispose();
            else if (next.type === 'bind') bindings.push(bindVideoStream(call, streamId, container()));
            else if (next.type === 'endCall') remote.remoteHangUp();
            await settle();
            const rendered = bindings.filter((binding) => binding.state === 'rendered').length;
            expect(world.calling.liveViewCount()).toBe(rendered);
            const available = call.getParticipant(person.id)?.isVideoOn === true;
            for (const binding of bindings) {
              if (binding.state === 'rendered' || binding.state === 'rendering') expect(available).toBe(true);
            }
          }
          renders.release();
          await settle();
          for (const binding of bindings) binding.dispose();
          await settle();
          expect(world.calling.liveViewCount()).toBe(0);
        } finally {
          renders.release();
          await endpoint.dispose();
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
