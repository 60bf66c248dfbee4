// Real mode signs in through MSAL's redirect bridge, which this app serves as redirect.html.
import '@teams-endpoint/demo-kit/redirect';
