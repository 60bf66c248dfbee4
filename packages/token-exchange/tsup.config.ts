import { defineConfig } from 'tsup';
import shared from '../../tsup.package';

// Two entries: the handler, and its HTTP building blocks for the vendor's other endpoints (`/http`).
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/http.ts'] });
