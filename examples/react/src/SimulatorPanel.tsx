import { useMemo } from 'react';
import type { Simulator } from '../../vanilla/src/demoEnvironment';
import { SIMULATOR_HINT, simulatorControlGroups } from '../../vanilla/src/simulatorControls';

/** Buttons that make the simulated world act: remote parties, the lobby, the network. */
export function SimulatorPanel({ simulator }: { simulator: Simulator }) {
  const groups = useMemo(() => simulatorControlGroups(simulator), [simulator]);
  return (
    <aside className="simulator" aria-labelledby="simulator-title">
      <h2 id="simulator-title">Simulator</h2>
      <p className="hint">{SIMULATOR_HINT}</p>
      {groups.map((group) => (
        <fieldset key={group.label} className="sim-group">
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
