import type { Call } from '@teams-endpoint/core';
import { KEYPAD_KEYS, playDtmfTone } from '@teams-endpoint/demo-kit';
import { useState } from 'react';
import { sharedAudio } from './sharedAudio';

// The digits each call was sent, kept while its panel is collapsed in the dock.
const digitsSent = new Map<string, string>();

/**
 * The keypad of a PSTN call: each key is sent to the call, played here, and added to the digits sent so far.
 * A key the call refuses is not shown as sent: the refusal is.
 */
export function Keypad({ call }: { call: Call }) {
  const [digits, setDigits] = useState(() => digitsSent.get(call.id) ?? '');
  const [error, setError] = useState('');
  const press = (key: string) => {
    setError('');
    try {
      call.sendDtmf(key);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    playDtmfTone(sharedAudio, key);
    const sent = digits + key;
    digitsSent.set(call.id, sent);
    setDigits(sent);
  };
  return (
    <div className="keypad-area">
      <output className="dtmf-digits" aria-label="Digits sent" data-testid="dtmf-digits">
        {digits}
      </output>
      <fieldset className="keypad" aria-label="Keypad">
        {KEYPAD_KEYS.map((key) => (
          <button key={key} type="button" aria-label={`Key ${key}`} onClick={() => press(key)}>
            {key}
          </button>
        ))}
      </fieldset>
      <p className="error" role="alert">
        {error}
      </p>
    </div>
  );
}
