// Captions (issue 13): partial results of a phrase update one entry in place, the list keeps the last
// CAPTIONS_MAX_ENTRIES phrases, and a burst reaches a subscriber as one notification. A property sends random
// bursts of results from several speakers, partial and final interleaved, and compares the unit's entries with
// a model of the phrases after every burst.
import { waitForSnapshot } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { CAPTIONS_MAX_ENTRIES, callCaptions } from './features/captions';

useGraphServer();

const MEETING = 'https://teams.microsoft.com/meet/1234567890123?p=passcode1';
interface Result {
  readonly speaker: number;
  readonly text: string;
  readonly isFinal: boolean;
}
const result: fc.Arbitrary<Result> = fc.record({
  speaker: fc.nat(3),
  text: fc.string({ minLength: 1, maxLength: 12 }),
  isFinal: fc.boolean(),
});

/** The model: each speaker's last phrase is updated while it is partial; a new phrase is appended. */
function modelAfter(phrases: Result[], results: readonly Result[]): Result[] {
  const next = [...phrases];
  for (const incoming of results) {
    let index = -1;
    for (let i = next.length - 1; i >= 0; i--) {
      if (next[i]!.speaker === incoming.speaker) {
        if (!next[i]!.isFinal) index = i;
        break;
      }
    }
    if (index >= 0) next[index] = incoming;
    else next.push(incoming);
  }
  return next.slice(-CAPTIONS_MAX_ENTRIES);
}

describe('captions', () => {
  it('coalesces partial results in place, keeps the last phrases, and notifies once per burst', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.scriptNextMeeting('admit');
    const call = endpoint.joinMeeting(MEETING);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    const remote = world.calling.lastCall();
    const captions = callCaptions(call);
    let notifications = 0;
    const stop = captions.subscribe(() => {
      notifications += 1;
    });
    captions.start();
    await waitForSnapshot(captions, (s) => s.isActive);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(result, { minLength: 1, maxLength: 30 }), { maxLength: 8 }),
        async (bursts) => {
          // Each run starts from a fresh list: a final phrase from every speaker closes what the last run left.
          for (let speaker = 0; speaker < 4; speaker++)
            remote.speak({ speakerId: `p${speaker}`, text: 'end', isFinal: true });
          await settle();
          let model = modelAfter(
            captions.getSnapshot().entries.map((entry) => ({
              speaker: Number(entry.speakerId.slice(1)),
              text: entry.text,
              isFinal: entry.isFinal,
            })),
            [],
          );
          for (const burst of bursts) {
            const before = notifications;
            for (const { speaker, text, isFinal } of burst)
              remote.speak({ speakerId: `p${speaker}`, text, isFinal });
            await settle();
            model = modelAfter(model, burst);
            expect(notifications - before).toBe(1);
            const { entries } = captions.getSnapshot();
            expect(entries.map((entry) => [entry.speakerId, entry.isFinal])).toEqual(
              model.map((phrase) => [`p${phrase.speaker}`, phrase.isFinal]),
            );
            // Entry ids are unique: an updated phrase keeps its id, a new one gets a new id.
            expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
          }
        },
      ),
      { numRuns: 50 },
    );
    stop();
    await endpoint.dispose();
  }, 120_000);
});
