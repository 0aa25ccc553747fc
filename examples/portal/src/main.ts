// The host page's only script: define the elements. Which part shows, signing in and signing
// out are the elements' job; no inline script or style anywhere, so the server's strict CSP holds.
import '@portcullis/elements/define';
import { registerLocale } from '@portcullis/elements';
import './acme-api-check.ts';

// `?lang=de`, `fr` or `ar`: the portal in that language, its strings loaded only then; Arabic
// right to left. The elements rendered in English a moment before and switch when it arrives.
const locales = {
  de: () => import('@portcullis/elements/locales/de').then((m) => m.de),
  fr: () => import('@portcullis/elements/locales/fr').then((m) => m.fr),
  ar: () => import('@portcullis/elements/locales/ar').then((m) => m.ar),
};
const lang = new URLSearchParams(location.search).get('lang');
if (lang && lang in locales) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  registerLocale(lang, await locales[lang as keyof typeof locales]());
}
