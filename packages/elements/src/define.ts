/**
 * Registers every Portcullis element under its tag. Importing `@portcullis/elements` registers
 * nothing; import this module once in the host page, or call `defineElements` (from
 * `@portcullis/elements`) yourself, with a prefix where the page has an element of the same name.
 */
import { defineElements } from './define-elements.ts';

export { tags, defineElement, defineElements } from './define-elements.ts';
export type { DefineOptions } from './define-elements.ts';

defineElements();
