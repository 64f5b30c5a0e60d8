/** Stand-in for the portal's form page: entry pages link to it (« Proposer une modification »). */
export default function Proposer() {
  return (
    <main>
      <h1>Proposer une ressource</h1>
    </main>
  );
}
