// Compiled against Vue 3.4's types (the peer range's floor) by `check:package`, after the build: the published
// typings must compile for a 3.4 user who does not skip library checks.
import { useCallHistory, useSession, VideoStream } from '@teams-endpoint/vue';
import { h } from 'vue';

export const tile = h(VideoStream, { streamId: 'camera', scaling: 'crop', mirrored: true });
export const signedIn = () => useSession().value.status === 'ready';
export const historyLength = () => useCallHistory().snapshot.value.items.length;
