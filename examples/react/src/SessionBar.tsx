import type { DemoEnvironment } from '@teams-endpoint/demo-kit';
import {
  modeLabel,
  offersSignIn,
  SESSION_WORDS,
  signInAndRemember,
  signOutAndForget,
} from '@teams-endpoint/demo-kit';
import { useSession, useTeamsEndpoint } from '@teams-endpoint/react';
import { DEVICE_SETTINGS_ID } from './DeviceSettingsPanel';

/** Which tenant, the session's status and user, sign in or out, and the device settings' toggle. */
export function SessionBar(props: {
  mode: DemoEnvironment['mode'];
  settingsOpen: boolean;
  onToggleSettings: () => void;
}) {
  const { mode, settingsOpen, onToggleSettings } = props;
  const endpoint = useTeamsEndpoint();
  const session = useSession();
  return (
    <div className="session">
      <span className="mode">{modeLabel(mode)}</span> ·{' '}
      <span data-testid="session-status" role="status">
        {SESSION_WORDS[session.status]}
      </span>
      {session.user && <span className="user">as {session.user.displayName}</span>}
      {session.error && <span className="error">{session.error.message}</span>}
      {offersSignIn(session) && (
        <button type="button" className="primary" onClick={() => signInAndRemember(endpoint)}>
          Sign in
        </button>
      )}
      {session.user && (
        <button type="button" onClick={() => signOutAndForget(endpoint)}>
          Sign out
        </button>
      )}
      <button
        type="button"
        aria-expanded={settingsOpen}
        aria-controls={settingsOpen ? DEVICE_SETTINGS_ID : undefined}
        onClick={onToggleSettings}
      >
        Device settings
      </button>
    </div>
  );
}
