// The softphone tests in the Vue app: the call dock, the toasts, recent calls, the keypad, field errors, the
// simulator's picker, the directory, the meetings and the alerts; the suite all three apps share.
import { softphoneTests } from '../../e2e/softphoneSuite';

softphoneTests({
  signInPath: '/index.html#/sign-in',
  pstnOutPath: '/index.html#/pstn-out',
  pstnInPath: '/index.html#/pstn-in',
  teamsOutPath: '/index.html#/teams-out',
  teamsInPath: '/index.html#/teams-in',
  meetingsPath: '/index.html#/meetings',
});
