// The media tests in the Vue app: the suite all three apps share, on the app's hash routes.
import { mediaTests } from '../../e2e/mediaSuite';

mediaTests({ meetingsPath: '/index.html#/meetings', colleaguesPath: '/index.html#/teams-out' });
