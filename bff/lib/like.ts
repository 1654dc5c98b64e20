/** `q` with LIKE's wildcards (`%`, `_`) and its escape character (`\`) escaped, to match literally inside `%…%`. */
export const likeEscape = (q: string): string => q.replace(/[\\%_]/g, (m) => `\\${m}`);
