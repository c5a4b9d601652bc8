/** What every bench handler returns for an input: the client checks it, so a mixed-up result fails the run. */
export function jobOutput(api: string, input: string): string {
  return `${api}:${input}`;
}
