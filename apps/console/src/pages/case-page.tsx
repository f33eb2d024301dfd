/** TODO(console): the CasePage view. */
export function CasePage() {
  return <h1>CasePage</h1>;
}
