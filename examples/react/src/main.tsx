import { createDemoEnvironment } from '@teams-endpoint/demo-kit';
import { TeamsEndpointProvider } from '@teams-endpoint/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@teams-endpoint/demo-kit/style.css';
import '@teams-endpoint/demo-kit/app.css';
import { keepSessionForThePage } from '@teams-endpoint/demo-kit';
import { App } from './App';
import { sharedAudio } from './sharedAudio';

// The simulated tenant (or, with configuration, the real one) loads lazily, after the page has rendered.
const environment = await createDemoEnvironment();

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <TeamsEndpointProvider value={environment.endpoint}>
      <App environment={environment} />
    </TeamsEndpointProvider>
  </StrictMode>,
);
// One audio context for the keypad's tones and the ringtone.
keepSessionForThePage(environment.endpoint, { audio: sharedAudio });
