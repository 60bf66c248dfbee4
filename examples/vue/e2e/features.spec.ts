// The Teams feature tests in the Vue app: captions, raised hands, recording, spotlight, lobby, transfer, call
// notices and what Teams refuses; the suite all three apps share, on the app's hash routes.
import { featuresTests } from '../../e2e/featuresSuite';

featuresTests({
  meetingsPath: '/index.html#/meetings',
  colleaguesPath: '/index.html#/teams-out',
  pstnOutPath: '/index.html#/pstn-out',
});
