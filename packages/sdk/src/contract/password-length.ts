/**
 * A password's length as the policy counts it: Unicode code points after NFKC normalisation. Its
 * own module, without zod, so the elements' live hint loads nothing more with the page.
 */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}
