import { TeamsEndpointProvider } from '@teams-endpoint/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDemoEnvironment } from '../../vanilla/src/demoEnvironment';
import '../../vanilla/src/style.css';
import './shared/singlePageApp.css';
import { App } from './App';
import { keepSessionForThePage } from './shared/demoSession';

// The simulated tenant (or, with configuration, the real one) loads lazily, after the page has rendered.
const environment = await createDemoEnvironment();

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <TeamsEndpointProvider value={environment.endpoint}>
      <App environment={environment} />
    </TeamsEndpointProvider>
  </StrictMode>,
);
keepSessionForThePage(environment.endpoint);
