// The softphone tests of the vanilla app: the dock, toasts, recent calls, keypad, field errors, simulator,
// directory, meetings and the hidden tab's alerts, on a desktop and a phone-sized viewport.
import { softphoneTests } from '../../e2e/softphoneSuite';

softphoneTests({
  signInPath: '/index.html',
  pstnOutPath: '/index.html#/pstn-out',
  pstnInPath: '/index.html#/pstn-in',
  teamsOutPath: '/index.html#/teams-out',
  teamsInPath: '/index.html#/teams-in',
  meetingsPath: '/index.html#/meetings',
});
