// Real mode signs in through the vanilla demo's MSAL redirect bridge; this app serves it as redirect.html.
import '@teams-endpoint/demo-kit/redirect';
