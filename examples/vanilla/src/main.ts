// The vanilla demo app: one page, the use cases as views in the URL's hash, one endpoint for its lifetime.
import '@teams-endpoint/demo-kit/style.css';
import { createDemoEnvironment, createSharedAudio, keepSessionForThePage } from '@teams-endpoint/demo-kit';
import { startApp } from './app';

// The simulated tenant (or, with configuration, the real one) loads lazily, after the page has rendered.
const environment = await createDemoEnvironment();
// One audio context for the keypad's tones and the ringtone.
const audio = createSharedAudio();
const stopApp = startApp(document.getElementById('app')!, environment, audio);
// Before the session's own teardown, which disposes of the endpoint.
window.addEventListener('pagehide', stopApp, { once: true });
// Signs in again after a reload, alerts on incoming calls, asks before leaving during a call.
keepSessionForThePage(environment.endpoint, { audio });
