// Teams feature tests of the React app: captions, raised hands, recording, spotlight, lobby, transfer,
// call notices and what Teams refuses.
import { featuresTests } from '../../e2e/featuresSuite';

featuresTests({
  meetingsPath: '/index.html#/meetings',
  colleaguesPath: '/index.html#/teams-out',
  pstnOutPath: '/index.html#/pstn-out',
});
