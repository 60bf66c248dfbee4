// Test support shared by the Vue adapter's server-rendering and hydration tests: one component that uses
// every composable of the package, over a meeting (with a participant's camera) and a phone call.
import { type Call, callRaisedHands } from '@teams-endpoint/core';
import { defineComponent, h, type PropType, shallowRef } from 'vue';
import { cameraOf } from '../../vanilla/src/meetingMedia.test-support';
import { useCall } from './useCall';
import { useCallFeature } from './useCallFeature';
import { useCallHistory } from './useCallHistory';
import { useCalls } from './useCalls';
import { useCustomers } from './useCustomers';
import { useEndpointSelector } from './useEndpointSelector';
import { useIncomingCalls } from './useIncomingCalls';
import { useMeetings } from './useMeetings';
import { useParticipant } from './useParticipant';
import { usePeople } from './usePeople';
import { useSession } from './useSession';
import { useUnitSelector } from './useUnitSelector';
import { useVideoStream } from './useVideoStream';
import { VideoStream } from './VideoStream';

export const EveryComposable = defineComponent({
  props: {
    meeting: { type: Object as PropType<Call>, required: true },
    phoneCall: { type: Object as PropType<Call>, required: true },
    participantId: { type: String, required: true },
  },
  setup(props) {
    const session = useSession();
    const calls = useCalls();
    const incoming = useIncomingCalls();
    const { snapshot: phone } = useCall(() => props.phoneCall.id);
    const meetingStatus = useEndpointSelector((s) => s.calls.find((c) => c.id === props.meeting.id)?.status);
    const participantCount = useUnitSelector(props.meeting, (s) => s.participants.length);
    const hands = useCallFeature(
      () => props.meeting,
      callRaisedHands,
      (s) => s.hands.length,
    );
    const participant = useParticipant(
      () => props.meeting,
      () => props.participantId,
    );
    const people = usePeople();
    const customers = useCustomers();
    const meetings = useMeetings();
    const history = useCallHistory();
    const tile = shallowRef<HTMLElement | null>(null);
    const camera = () => cameraOf(props.meeting, props.participantId);
    const tileState = useVideoStream(() => props.meeting, camera, tile);
    return () =>
      h('main', [
        h('p', `${session.value.status} as ${session.value.user?.displayName}`),
        h('p', `${calls.value.length} calls, ${incoming.value.length} ringing`),
        h('p', `phone ${phone.value?.status}, meeting ${meetingStatus.value}`),
        h(
          'p',
          `${participantCount.value} participants, ${hands.value} hands, ${participant.value?.displayName}`,
        ),
        h(
          'p',
          `people ${people.snapshot.value.status}, customers ${customers.snapshot.value.status}, meetings ${meetings.snapshot.value.status}, history ${history.snapshot.value.status}`,
        ),
        h('figure', { ref: tile, 'data-state': tileState.value }),
        h(VideoStream, { call: props.meeting, streamId: camera() }),
      ]);
  },
});
