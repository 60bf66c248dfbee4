// MSAL 5's redirect bridge: popup and silent sign-in land here and hand the response back to the app.
// Serve this page without a Cross-Origin-Opener-Policy header.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame();
