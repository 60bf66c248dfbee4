import {
  CALL_FEATURE_NAMES,
  type CallFeatureName,
  type CapabilityReason,
  type UnsupportedTeamsFeature,
} from '../../ports/callFeatures';
import { callMediaOf } from '../callMedia';
import type { Call } from '../callUnit';

/** Whether a call offers a feature now, and if not, why. */
export type FeatureAvailability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: Extract<CapabilityReason, 'unavailable' | 'state'> };

/**
 * Whether `call` offers a Teams feature: `unavailable` for what Teams users do not get through the SDK
 * (`UNSUPPORTED_TEAMS_FEATURES`: reactions, together mode, breakout rooms, call park, merge, forwarding
 * settings, transfer to voicemail, managing recording), for what this call does not offer (captions on a PSTN
 * call) and for any name it does not know; `state` while the call is not live (it is not known yet, or the call
 * is over). Never throws, whatever it is given.
 *
 * @example
 * if (!callFeatureAvailability(call, 'reactions').available) reactionsButton.hidden = true;
 */
export function callFeatureAvailability(
  call: Call,
  feature: CallFeatureName | UnsupportedTeamsFeature,
): FeatureAvailability {
  if (!CALL_FEATURE_NAMES.includes(feature as CallFeatureName)) return UNAVAILABLE;
  const media = typeof call === 'object' && call !== null ? callMediaOf(call) : undefined;
  const handle = media?.handle();
  if (!handle) return NOT_NOW;
  return handle.features?.[feature as CallFeatureName] ? AVAILABLE : UNAVAILABLE;
}

const AVAILABLE: FeatureAvailability = { available: true };
const UNAVAILABLE: FeatureAvailability = { available: false, reason: 'unavailable' };
const NOT_NOW: FeatureAvailability = { available: false, reason: 'state' };
