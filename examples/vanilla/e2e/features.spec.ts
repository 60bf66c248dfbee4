// Teams feature tests of the vanilla pages: captions, raised hands, spotlight, recording, the lobby, transfers,
// call notices and what Teams refuses.
import { featuresTests } from '../../e2e/featuresSuite';

featuresTests({
  meetingsPath: '/meetings.html',
  colleaguesPath: '/teams-out.html',
  pstnOutPath: '/pstn-out.html',
});
