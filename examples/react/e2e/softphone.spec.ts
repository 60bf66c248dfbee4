// Softphone tests of the React app: the call dock, toasts, recent calls, keypad, field errors, simulator,
// directory and meetings, at a desktop and a phone-sized viewport.
import { softphoneTests } from '../../e2e/softphoneSuite';

softphoneTests({
  signInPath: '/index.html#/sign-in',
  pstnOutPath: '/index.html#/pstn-out',
  pstnInPath: '/index.html#/pstn-in',
  teamsOutPath: '/index.html#/teams-out',
  teamsInPath: '/index.html#/teams-in',
  meetingsPath: '/index.html#/meetings',
});
