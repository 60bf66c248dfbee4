import type { Simulator } from '@teams-endpoint/demo-kit';
import {
  RING_FROM_BUTTON,
  RING_FROM_LABEL,
  SIMULATOR_HINT,
  SIMULATOR_SIGNED_OUT_HINT,
  simulatorCallerGroups,
  simulatorControlGroups,
  simulatorEnabled,
} from '@teams-endpoint/demo-kit';
import { useSession } from '@teams-endpoint/react';
import { useId, useMemo, useState } from 'react';

/**
 * Buttons that make the simulated world act: remote parties, the lobby, the network; and a picker to be rung
 * from anyone. They wait for the sign-in: before it, the simulated world has no one to call you.
 */
export function SimulatorPanel({ simulator }: { simulator: Simulator }) {
  const groups = useMemo(() => simulatorControlGroups(simulator), [simulator]);
  const enabled = simulatorEnabled(useSession());
  return (
    <aside className="simulator" aria-labelledby="simulator-title">
      <h2 id="simulator-title">Simulator</h2>
      <p className="hint">{SIMULATOR_HINT}</p>
      <p className="sim-signed-out" hidden={enabled}>
        {SIMULATOR_SIGNED_OUT_HINT}
      </p>
      <RingFrom simulator={simulator} enabled={enabled} />
      {groups.map((group) => (
        <fieldset key={group.label} className="sim-group" disabled={!enabled}>
          <legend className="sim-label">{group.label}</legend>
          {group.controls.map((control) => (
            <button key={control.label} type="button" onClick={control.run}>
              {control.label}
            </button>
          ))}
        </fieldset>
      ))}
    </aside>
  );
}

/** "Ring me from": any customer, colleague or an unknown number, in groups. */
function RingFrom({ simulator, enabled }: { simulator: Simulator; enabled: boolean }) {
  const groups = useMemo(() => simulatorCallerGroups(simulator), [simulator]);
  const [callerId, setCallerId] = useState(() => simulator.callers[0]?.id ?? '');
  const selectId = useId();
  return (
    <div className="ring-from">
      <label htmlFor={selectId}>{RING_FROM_LABEL}</label>
      <select
        id={selectId}
        value={callerId}
        disabled={!enabled}
        onChange={(event) => setCallerId(event.target.value)}
      >
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.callers.map((caller) => (
              <option key={caller.id} value={caller.id}>
                {caller.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="button" disabled={!enabled} onClick={() => simulator.ringFrom(callerId)}>
        {RING_FROM_BUTTON}
      </button>
    </div>
  );
}
