// Teams feature tests of the vanilla app: captions, raised hands, spotlight, recording, the lobby, transfers,
// call notices and what Teams refuses.
import { featuresTests } from '../../e2e/featuresSuite';

featuresTests({
  meetingsPath: '/index.html#/meetings',
  colleaguesPath: '/index.html#/teams-out',
  pstnOutPath: '/index.html#/pstn-out',
});
