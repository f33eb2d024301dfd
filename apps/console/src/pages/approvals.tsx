/** TODO(console): the Approvals view. */
export function Approvals() {
  return <h1>Approvals</h1>;
}
