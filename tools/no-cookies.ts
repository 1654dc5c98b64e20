// Stands in for hono's cookie serializer in the browser build: the typed client only uses it to set a
// `Cookie` header, which browsers forbid, and telkit never sends cookies (credentials are bearer tokens).
export const serialize = (): string => '';
