import { TeamsEndpointError } from '@teams-endpoint/core';
import type { FeatureParticipants } from './featureParticipants';
import { toFeatureError } from './sdkErrors';
import type { SdkTeamsCall } from './sdkTypes';

/** What every Teams feature of one call works with. */
export interface FeatureContext {
  readonly call: SdkTeamsCall;
  readonly participants: FeatureParticipants;
  /** Whether the call is over: it ended, or the port let go of it. */
  isOver(): boolean;
  /**
   * Runs one feature command on the live call: rejects with `invalid_call_state` once the call is over, and
   * turns what the SDK throws into a `TeamsEndpointError` (`toFeatureError`).
   */
  command(action: string, run: () => Promise<unknown>): Promise<void>;
}

export function createFeatureContext(
  call: SdkTeamsCall,
  participants: FeatureParticipants,
  isOver: () => boolean,
): FeatureContext {
  return {
    call,
    participants,
    isOver,
    async command(action, run) {
      if (isOver())
        throw new TeamsEndpointError('invalid_call_state', `Cannot ${action}: the call has ended.`);
      try {
        await run();
      } catch (error) {
        throw toFeatureError(error, action);
      }
    },
  };
}
