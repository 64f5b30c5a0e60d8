/** Global data of the sheets plugin (`usePluginData('essaim-sheets')`), shared by the server and the browser. */
export interface SheetsData {
  /** French label of each sheet field, by path (`porteur.nom`, `contacts.role`…). */
  fields: Record<string, string>;
  evaluation: { oui: string; non: string };
  /** The maillons, in the vocabulary's order, with the number of sheets filed under each. */
  maillons: { id: string; label: string; count: number }[];
}
