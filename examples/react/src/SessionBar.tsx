import { useSession, useTeamsEndpoint } from '@teams-endpoint/react';
import type { DemoEnvironment } from '../../vanilla/src/demoEnvironment';
import { signInAndRemember, signOutAndForget } from './shared/demoSession';
import { modeLabel, offersSignIn, SESSION_WORDS } from './shared/sessionView';

/** Which tenant, the session's status and user, and sign in or out. */
export function SessionBar({ mode }: { mode: DemoEnvironment['mode'] }) {
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
    </div>
  );
}
