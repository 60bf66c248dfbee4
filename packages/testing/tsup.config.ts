import { defineConfig } from 'tsup';
import shared from '../../tsup.package';

// Two entries: the browser test kit, and the server-side one (`@teams-endpoint/testing/server`).
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/server.ts'] });
