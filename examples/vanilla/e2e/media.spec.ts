import { mediaTests } from '../../e2e/mediaSuite';

mediaTests({ meetingsPath: '/meetings.html', colleaguesPath: '/teams-out.html' });
