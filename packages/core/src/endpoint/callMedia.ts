import type { CallCommand } from '../machines/callTypes';
import type { CallHandle } from '../ports/callingPort';
import type { Call } from './callUnit';

/** What rendering needs of a call, kept off its public face: its port handle, and whether it is over. */
export interface CallMediaAccess {
  /** The live call's port handle; `null` before the port handed it back and once the call is over. */
  readonly handle: () => CallHandle | null;
  readonly isOver: () => boolean;
  /** The participant a remote stream belongs to, in O(1); `undefined` for a stream the call does not have. */
  readonly streamOwner: (streamId: string) => string | undefined;
  /** Sends a command to the call's machine (feature commands go through it, like every other). */
  readonly send: (command: CallCommand) => void;
  /** Whether the machine accepts the command now. */
  readonly allows: (command: CallCommand) => boolean;
  /** The endpoint the call belongs to. */
  readonly owner: object;
}

const access = new WeakMap<Call, CallMediaAccess>();

export function registerCallMedia(call: Call, media: CallMediaAccess): void {
  access.set(call, media);
}

/** The media side of a call made by this core; `undefined` for any other object. */
export function callMediaOf(call: Call): CallMediaAccess | undefined {
  return access.get(call);
}
