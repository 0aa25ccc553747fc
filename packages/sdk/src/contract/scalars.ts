import * as z from 'zod/mini';

/** Scalars of response bodies. */
export const idSchema = z.string().check(z.minLength(1), z.maxLength(64));
export const timestampSchema = z.iso.datetime();

export const tokenTypeSchema = z.enum(['cookie', 'bearer']);
export type TokenType = z.infer<typeof tokenTypeSchema>;
