/**
 * The `{name}` parts of an endpoint's path, as types: `/me/passkeys/{id}` → `'id'`. Both sides
 * take their parameters from the path string itself (as Hono's `ParamKeys<Path>` does), so
 * renaming `{id}` in the route table fails to compile wherever the old name is used.
 */
export type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** The values a path needs, by name: `{ id: string }` for `/me/passkeys/{id}`; `{}` for a path without. */
export type PathParams<P extends string> = { readonly [K in ParamNames<P>]: string };

/** Whether a path has parameters at all. */
export type HasParams<P extends string> = [ParamNames<P>] extends [never] ? false : true;

/**
 * An entry's path with its parameters filled in, each encoded: `/me/passkeys/{id}` with
 * `{ id: 'pk 1' }` → `/me/passkeys/pk%201`. The client and the server's tests build paths here.
 */
export function pathWith(route: { readonly path: string }, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}
