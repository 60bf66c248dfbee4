import { CAPTIONS_MAX_ENTRIES, type CaptionResult, callCaptions } from '@teams-endpoint/core';
import { createParticipants, waitForSnapshot } from '@teams-endpoint/testing';
import { type BurstCost, type EventCostOptions, measureBurst, side, subscribeReaders } from './burstTiming';
import { tapCallEvents } from './callEventTap';
import { createPlainCaptionsBaseline } from './plainCallbacksBaseline';
import { createSimulatedTenant, joinConnectedMeeting } from './simulatedTenant';

/** Caption results in one burst, as the port reports them: one per partial or final result. */
export const CAPTION_RESULTS = 1_000;
export const CAPTION_SPEAKERS = 4;
/** Each phrase comes as one partial result per word so far, the last of them final. */
export const CAPTION_PHRASE_WORDS = 10;

const WORDS = 'so the next item on the agenda is the budget for the third quarter'.split(' ');

/**
 * A burst of caption results: the speakers talk at once, their results interleaved. Each says phrases of
 * {@link CAPTION_PHRASE_WORDS} words, one partial result per word so far, the tenth final: 9 in 10 results
 * update a phrase in place, 1 in 10 ends it (the next one starts a new entry).
 */
export function captionBurst(count = CAPTION_RESULTS): CaptionResult[] {
  const speakers = createParticipants(CAPTION_SPEAKERS);
  const started = Date.now();
  return Array.from({ length: count }, (_, index): CaptionResult => {
    const speaker = speakers[index % CAPTION_SPEAKERS]!;
    const said = Math.floor(index / CAPTION_SPEAKERS);
    const words = (said % CAPTION_PHRASE_WORDS) + 1;
    const phrase = Math.floor(said / CAPTION_PHRASE_WORDS);
    return {
      speakerId: speaker.id,
      speakerName: speaker.displayName,
      text: WORDS.slice(0, words).join(' '),
      isFinal: words === CAPTION_PHRASE_WORDS,
      timestamp: started + phrase,
    };
  });
}

/**
 * Table 1, captions. A meeting on the simulated tenant with captions on; the caption results of a burst go
 * to the listener the core's `callCaptions` unit registered on the fake port's captions (one subscriber,
 * reading the entries), and to the plain-callbacks baseline.
 */
export async function measureCaptionsCost(options: EventCostOptions): Promise<BurstCost> {
  let tap: ReturnType<typeof tapCallEvents> | undefined;
  const tenant = await createSimulatedTenant({
    wrapCalling: (calling) => {
      tap = tapCallEvents(calling);
      return tap.calling;
    },
  });
  const call = await joinConnectedMeeting(tenant);
  const handle = tap!.lastHandle();
  const captions = callCaptions(call);
  const core = subscribeReaders([
    { subscribe: captions.subscribe, read: () => captions.getSnapshot().entries },
  ]);
  captions.start();
  await waitForSnapshot(captions, (snapshot) => snapshot.isActive);
  if (handle.captionListeners.size !== 1) {
    throw new Error(
      `The captions unit should listen once to the port's results; it listens ${handle.captionListeners.size} times.`,
    );
  }
  const baseline = createPlainCaptionsBaseline(CAPTIONS_MAX_ENTRIES);
  const plain = subscribeReaders([{ subscribe: baseline.subscribe, read: () => baseline.getEntries() }]);

  const cost = await measureBurst(
    `${CAPTION_RESULTS.toLocaleString('en-US')} caption results (${CAPTION_SPEAKERS} speakers, ${CAPTION_PHRASE_WORDS - 1} partials per phrase)`,
    [captionBurst()],
    {
      core: side(handle.captionListeners, core.notifications),
      baseline: side(baseline.portListeners, plain.notifications),
    },
    options,
    { reset: [], settle: false },
  );
  // Both sides hold the same phrases at the end: the bench measured the same work.
  const texts = (entries: unknown) => (entries as readonly { text: string }[]).map((entry) => entry.text);
  if (texts(core.lastRead[0]).join('\n') !== texts(plain.lastRead[0]).join('\n')) {
    throw new Error('The core and the baseline hold different captions after the bursts.');
  }
  await tenant.endpoint.dispose();
  return cost;
}
