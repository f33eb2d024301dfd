/** TODO(console): the CasesList view. */
export function CasesList() {
  return <h1>CasesList</h1>;
}
