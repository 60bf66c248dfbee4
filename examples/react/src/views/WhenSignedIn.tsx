import { useSession } from '@teams-endpoint/react';
import type { ReactNode } from 'react';

/** Lists come from the signed-in user's tenant: they mount, and so load, once the session is ready. */
export function WhenSignedIn({ children }: { children: ReactNode }) {
  const { status } = useSession();
  return status === 'ready' ? children : <p className="hint">Sign in to see this list.</p>;
}
