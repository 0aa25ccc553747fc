/**
 * `@portcullis/elements/bundle`: one module for pages without a build step. Importing it defines
 * every element (skipping tags already defined, so loading it twice or beside a built app is
 * harmless) and hands the page what a host script may want.
 * @packageDocumentation
 */
import './define.ts';

export { createClient, isPortcullisError } from '@portcullis/sdk';
export { registerLocale } from './portcullis-provider/portcullis-provider.ts';
