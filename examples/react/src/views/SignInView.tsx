import type { DemoEnvironment } from '@teams-endpoint/demo-kit';
import { signInAndRemember, signInIntro } from '@teams-endpoint/demo-kit';
import { useSession, useTeamsEndpoint } from '@teams-endpoint/react';

export function SignInView({ mode }: { mode: DemoEnvironment['mode'] }) {
  const session = useSession();
  const endpoint = useTeamsEndpoint();
  return (
    <>
      <p>{signInIntro(mode)}</p>
      <button type="button" className="primary" onClick={() => signInAndRemember(endpoint)}>
        Sign in with Teams
      </button>
      <p data-testid="sign-in-state">
        {session.status === 'ready' && `Signed in as ${session.user?.displayName}.`}
      </p>
      <p>Then pick a use case in the navigation above.</p>
    </>
  );
}
