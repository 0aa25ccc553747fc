// The host page's only script: define the elements. Which part shows, signing in and signing
// out are the elements' job; no inline script or style anywhere, so the server's strict CSP holds.
import '@portcullis/elements/define';
import './acme-api-check.ts';
