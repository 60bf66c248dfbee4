import type { DtmfTone as SdkDtmfTone } from '@azure/communication-calling';
import type { DtmfTone } from '@teams-endpoint/core';

const SDK_TONES: Readonly<Record<DtmfTone, SdkDtmfTone>> = {
  '0': 'Num0',
  '1': 'Num1',
  '2': 'Num2',
  '3': 'Num3',
  '4': 'Num4',
  '5': 'Num5',
  '6': 'Num6',
  '7': 'Num7',
  '8': 'Num8',
  '9': 'Num9',
  '*': 'Star',
  '#': 'Pound',
  A: 'A',
  B: 'B',
  C: 'C',
  D: 'D',
};

/**
 * Maps a keypad key to the SDK's tone name.
 *
 * @example
 * toSdkDtmfTone('#'); // 'Pound'
 */
export function toSdkDtmfTone(tone: DtmfTone): SdkDtmfTone {
  return SDK_TONES[tone];
}
