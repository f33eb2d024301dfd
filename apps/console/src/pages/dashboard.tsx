/** TODO(console): the Dashboard view. */
export function Dashboard() {
  return <h1>Dashboard</h1>;
}
