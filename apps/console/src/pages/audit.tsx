/** TODO(console): the Audit view. */
export function Audit() {
  return <h1>Audit</h1>;
}
