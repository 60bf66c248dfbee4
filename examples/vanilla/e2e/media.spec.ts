// Media tests of the vanilla app: video gallery, screen share, roster, devices and a 1:1 call's video.
import { mediaTests } from '../../e2e/mediaSuite';

mediaTests({ meetingsPath: '/index.html#/meetings', colleaguesPath: '/index.html#/teams-out' });
