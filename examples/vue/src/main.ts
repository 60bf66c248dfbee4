import { createTeamsEndpointPlugin } from '@teams-endpoint/vue';
import { createApp } from 'vue';
import { createDemoEnvironment } from '../../vanilla/src/demoEnvironment';
import '../../vanilla/src/style.css';
import '../../react/src/shared/singlePageApp.css';
import { keepSessionForThePage } from '../../react/src/shared/demoSession';
import App from './App.vue';
import { demoEnvironmentKey } from './demoEnvironmentInjection';

// The simulated tenant (or, with configuration, the real one) loads lazily, after the page has rendered.
const environment = await createDemoEnvironment();

createApp(App)
  .use(createTeamsEndpointPlugin(environment.endpoint))
  .provide(demoEnvironmentKey, environment)
  .mount('#app');
keepSessionForThePage(environment.endpoint);
