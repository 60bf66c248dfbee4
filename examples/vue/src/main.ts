import { createDemoEnvironment, createSharedAudio, keepSessionForThePage } from '@teams-endpoint/demo-kit';
import { createTeamsEndpointPlugin } from '@teams-endpoint/vue';
import { createApp } from 'vue';
import '@teams-endpoint/demo-kit/style.css';
import '@teams-endpoint/demo-kit/app.css';
import App from './App.vue';
import { demoEnvironmentKey } from './demoEnvironmentInjection';
import { sharedAudioKey } from './sharedAudio';

// The simulated tenant (or, with configuration, the real one) loads lazily, after the page has rendered.
const environment = await createDemoEnvironment();
// One audio context for the keypad's tones and the ringtone.
const audio = createSharedAudio();

createApp(App)
  .use(createTeamsEndpointPlugin(environment.endpoint))
  .provide(demoEnvironmentKey, environment)
  .provide(sharedAudioKey, audio)
  .mount('#app');
// Sign-in after a reload, the ringtone, notifications and flashing title, and the guard before leaving a call.
keepSessionForThePage(environment.endpoint, { audio });
